import type { Issue } from "@rampart/guard";
import type { z } from "zod";
import { formatPath, friendlyErrors, toIssues } from "./issues.js";
import { type ByteLine, byteLines, decodeUtf8 } from "./lines.js";

/** One non-blank line of a JSONL file: the parsed value, or every problem found in it. */
export type JsonlEntry<T> =
  | { readonly ok: true; readonly line: number; readonly value: T }
  | { readonly ok: false; readonly line: number; readonly issues: readonly Issue[] };

/** Parses one line; `undefined` for a blank line, which JSONL files may carry (a trailing newline, say). */
export function parseJsonlLine<T>({ line, bytes }: ByteLine, schema: z.ZodType<T>): JsonlEntry<T> | undefined {
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return {
      ok: false,
      line,
      issues: [{ code: "invalid_utf8", path: [], message: "invalid UTF-8: the line is not text" }],
    };
  }
  if (text.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, line, issues: [{ code: "invalid_json", path: [], message: `invalid JSON: ${reason}` }] };
  }
  const parsed = schema.safeParse(json, { error: friendlyErrors });
  if (parsed.success) return { ok: true, line, value: parsed.data };
  return { ok: false, line, issues: toIssues(parsed.error, () => "unknown field") };
}

export async function* readJsonl<T>(
  chunks: AsyncIterable<Uint8Array | string>,
  schema: z.ZodType<T>,
): AsyncGenerator<JsonlEntry<T>> {
  for await (const line of byteLines(chunks)) {
    const entry = parseJsonlLine(line, schema);
    if (entry !== undefined) yield entry;
  }
}

/** `rows.jsonl:3: messages[0].role: expected one of …`, one line per issue. */
export function formatLineIssues(file: string, entry: { line: number; issues: readonly Issue[] }): string[] {
  return entry.issues.map((issue) =>
    issue.path.length === 0
      ? `${file}:${entry.line}: ${issue.message}`
      : `${file}:${entry.line}: ${formatPath(issue.path)}: ${issue.message}`,
  );
}
