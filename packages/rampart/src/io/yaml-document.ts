import { RampartError } from "@rampart/guard";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { describeIssues, friendlyErrors, type LocatedIssue, toIssues } from "./issues.js";
import { lineOf } from "./locate.js";

/**
 * Reads YAML (or JSON, which is YAML) and validates it with `schema`. Every problem is reported at
 * once as `FILE:LINE: FIELD: what is wrong`, in an INPUT_INVALID error.
 */
export function parseYamlAgainst<T extends z.ZodType>(
  source: string,
  name: string,
  schema: T,
  unknownKey: (parent: readonly PropertyKey[]) => string,
): z.output<T> {
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
  const parsed = schema.safeParse(doc.toJS() ?? {}, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error, unknownKey).map(
    (issue): LocatedIssue => ({ ...issue, line: lineOf(doc, lines, issue.path) }),
  );
  throw new RampartError("INPUT_INVALID", describeIssues(name, issues).message);
}
