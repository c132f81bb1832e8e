import { RampartError } from "@rampart/guard";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { describeIssues, friendlyErrors, type LocatedIssue, toIssues } from "../io/issues.js";
import { lineOf } from "../io/locate.js";
import { advisoryContentSchema, distributionSchema } from "./model/advisory.js";

/**
 * An advisory as a member writes it (YAML or JSON): recipients and groups may be named rather than
 * given by id, and signatures may be left out, to be made from the examples.
 */
export const advisoryFileSchema = z.strictObject({
  id: z.uuid().optional(),
  distribution: distributionSchema.extend({
    recipients: z.array(z.string().min(1)).max(500).default([]).describe("Organisation names or ids."),
    groups: z.array(z.string().min(1)).max(50).default([]).describe("Sharing-group ids."),
  }),
  content: advisoryContentSchema.extend({ signatures: advisoryContentSchema.shape.signatures.optional() }),
});
export type AdvisoryFile = z.output<typeof advisoryFileSchema>;

/** Reads an advisory file; every problem is reported as `FILE:LINE: FIELD: what is wrong`. */
export function parseAdvisoryFile(source: string, name: string): AdvisoryFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map(
      (error): LocatedIssue => ({
        code: error.code,
        path: [],
        message: `not valid YAML or JSON: ${error.message}`,
        line: lines.linePos(error.pos[0]).line,
      }),
    );
    throw new RampartError("INPUT_INVALID", describeIssues(name, issues).message);
  }
  const parsed = advisoryFileSchema.safeParse(doc.toJS() ?? {}, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error, () => "unknown field").map(
    (issue): LocatedIssue => ({ ...issue, line: lineOf(doc, lines, issue.path) }),
  );
  throw new RampartError("INPUT_INVALID", describeIssues(name, issues).message);
}
