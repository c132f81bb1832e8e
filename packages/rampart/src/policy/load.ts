import { readFile } from "node:fs/promises";
import { PolicyError, type PolicyOverrides } from "@rampart/guard";
import { LineCounter, parseDocument } from "yaml";
import { describeIssues, friendlyErrors, type LocatedIssue, toIssues } from "../io/issues.js";
import { lineOf } from "../io/locate.js";
import { KNOWN_CATEGORIES_HINT, policySchema, trajectorySchema } from "./schema.js";

/** An issue and the line it is on, which `PolicyError.issues` keeps for tools that want more than the message. */
export type PolicyIssue = LocatedIssue;

/**
 * Reads a policy from YAML or JSON (JSON is parsed as YAML, which it is, so both get line numbers).
 * Throws `PolicyError` listing every problem as `FILE:LINE: FIELD: what is wrong`.
 */
export async function loadPolicy(path: string): Promise<PolicyOverrides> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const issue: PolicyIssue = { code: "unreadable", path: [], message: `cannot read the policy: ${reason}`, line: 0 };
    throw new PolicyError(`${path}: ${issue.message}`, [issue], { cause: error });
  }
  return parsePolicy(source, path);
}

/** As `loadPolicy`, for a policy already in memory; `name` is what messages call the file. */
export function parsePolicy(source: string, name: string): PolicyOverrides {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map(
      (error): PolicyIssue => ({
        code: error.code,
        path: [],
        message: `not valid YAML or JSON: ${error.message}`,
        line: lines.linePos(error.pos[0]).line,
      }),
    );
    throw failure(name, issues);
  }
  const value: unknown = doc.toJS() ?? {};
  const parsed = policySchema.safeParse(value, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error, unknownKeyMessage).map(
    (issue): PolicyIssue => ({ ...issue, line: lineOf(doc, lines, issue.path) }),
  );
  throw failure(name, issues);
}

function unknownKeyMessage(parent: readonly PropertyKey[]): string {
  if (parent.length === 0) return `unknown field; known: ${Object.keys(policySchema.shape).join(", ")}`;
  if (parent.length === 1 && parent[0] === "categories") return `unknown category; ${KNOWN_CATEGORIES_HINT}`;
  if (parent.length === 1 && parent[0] === "trajectory") {
    return `unknown field; known: ${Object.keys(trajectorySchema.shape).join(", ")}`;
  }
  return "unknown field; a rule has only `threshold` and `action`";
}

function failure(name: string, issues: readonly PolicyIssue[]): PolicyError {
  const { sorted, message } = describeIssues(name, issues);
  return new PolicyError(message, sorted);
}
