import type { z } from "zod";
import { formatPath, friendlyErrors, toIssues } from "../../io/issues.js";

/** Parses `body` with `schema`; on failure, one line naming each field at fault (a request body has no line numbers). */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  const parsed = schema.safeParse(body, { error: friendlyErrors });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = toIssues(parsed.error, () => "unknown field").slice(0, MAX_LISTED);
  const message = issues
    .map((issue) => (issue.path.length === 0 ? issue.message : `${formatPath(issue.path)}: ${issue.message}`))
    .join("; ");
  return { ok: false, message };
}

/** A client sending thousands of bad messages needs the first few to fix the rest. */
const MAX_LISTED = 5;
