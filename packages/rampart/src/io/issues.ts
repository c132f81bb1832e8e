import type { Issue } from "@rampart/guard";
import type { z } from "zod";

/** `categories.jailbreak[0].action`: the path notation every Rampart message uses for a field. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** A schema's own message for a wrong value; a missing one falls through to the shared "required" wording. */
export function expected(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);
}

/** Messages for the common zod failures, worded for someone fixing a file by hand. */
export const friendlyErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") {
    return issue.input === undefined
      ? `required: expected ${issue.expected}`
      : `expected ${issue.expected}, got ${typeName(issue.input)}`;
  }
  return undefined;
};

/**
 * zod issues as Rampart issues: an unknown key becomes one issue per key whose path ends at that key,
 * so a reader (and the line finder) lands on the key itself rather than on the object holding it.
 */
export function toIssues(error: z.ZodError, unknownKey: (path: readonly PropertyKey[]) => string): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ code: issue.code, path: [...path, key], message: unknownKey(path) });
    } else {
      issues.push({ code: issue.code, path, message: issue.message });
    }
  }
  return issues;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value === "string"
    ? `a string (${JSON.stringify(value.slice(0, 40))})`
    : `${typeof value} ${String(value)}`;
}

/** An issue found in a file, with the line it is on. */
export interface LocatedIssue extends Issue {
  readonly line: number;
}

/** Issues in line order, and the message that lists them as `FILE:LINE: FIELD: what is wrong`. */
export function describeIssues<T extends LocatedIssue>(
  file: string,
  issues: readonly T[],
): { sorted: T[]; message: string } {
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  const message = sorted
    .map((issue) =>
      issue.path.length === 0
        ? `${file}:${issue.line}: ${issue.message}`
        : `${file}:${issue.line}: ${formatPath(issue.path)}: ${issue.message}`,
    )
    .join("\n");
  return { sorted, message };
}
