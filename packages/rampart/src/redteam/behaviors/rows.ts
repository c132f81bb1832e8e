import { createReadStream } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { formatLineIssues, readJsonl } from "../../io/jsonl.js";

/** A problem in a data file: a bad row (with its line) or a file that could not be read (no line). */
export interface ImportIssue {
  readonly file: string;
  readonly line?: number;
  /** `FILE:LINE: FIELD: what is wrong`, ready to print. */
  readonly message: string;
}

/** One row of `prompts/*.jsonl`, as SOURCES.md describes it; extra fields (lang, messages) are allowed. */
export const promptRowSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string().min(1),
  label: z.enum(["attack", "benign"]),
  kind: z.enum(["jailbreak", "injection", "harmful", "benign", "benign-borderline"]),
  category: z.string().min(1).optional(),
  source: z.string().min(1),
});
export type PromptRow = z.infer<typeof promptRowSchema>;

// src/redteam/behaviors and dist/redteam/behaviors sit at the same depth, so one relative path serves both.
const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));

/** The shared data folder (the one holding `prompts/`): $RAMPART_DATA_DIR, else `<repo root>/../shared/data`. */
export function defaultDataDir(): string {
  return resolve(process.env.RAMPART_DATA_DIR ?? join(repoRoot, "..", "shared", "data"));
}

/** The key two texts share when they differ only in case and spacing: what "the same text" means across sets. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** The valid rows of one JSONL file with their line numbers, and an issue for every bad line. */
export async function readPromptRows(
  file: string,
): Promise<{ rows: { line: number; row: PromptRow }[]; issues: ImportIssue[]; found: boolean }> {
  const rows: { line: number; row: PromptRow }[] = [];
  const issues: ImportIssue[] = [];
  try {
    for await (const entry of readJsonl(createReadStream(file), promptRowSchema)) {
      if (entry.ok) rows.push({ line: entry.line, row: entry.value });
      else for (const message of formatLineIssues(file, entry)) issues.push({ file, line: entry.line, message });
    }
  } catch (error) {
    // A missing or unreadable file is reported like a bad row, so one absent set never stops the others.
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    const reason = code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    issues.push({ file, message: `${file}: ${reason}` });
    return { rows, issues, found: code !== "ENOENT" };
  }
  return { rows, issues, found: true };
}
