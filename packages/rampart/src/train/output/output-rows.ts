import { open, readdir } from "node:fs/promises";
import { join } from "node:path";
import { RampartError } from "@rampart/guard";
import { z } from "zod";
import { expected } from "../../io/issues.js";
import { formatLineIssues, readJsonl } from "../../io/jsonl.js";

export const OUTPUT_LABELS = ["harmful", "refusal", "benign", "leak"] as const;
export type OutputLabel = (typeof OUTPUT_LABELS)[number];

/** A labelled model output, the format of `../shared/data/outputs/` (see its SOURCES.md). */
export const outputRowSchema = z.looseObject({
  id: z.union([z.string(), z.number()], { error: expected("expected a string or a number") }),
  prompt: z.string().nullable().describe("The request the output answers; null where the source did not record it."),
  response: z.string().describe("The model's output."),
  label: z.enum(OUTPUT_LABELS, { error: expected(`expected one of ${OUTPUT_LABELS.join("|")}`) }),
  category: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  source: z.string().describe("Which dataset the row comes from."),
  lang: z.string().optional(),
  secret: z.string().optional(),
});
export type OutputRow = z.infer<typeof outputRowSchema>;

/** Every row of every .jsonl file in `dir`, in file then line order; a bad line fails the whole read with its place. */
export async function readOutputRows(dir: string): Promise<OutputRow[]> {
  let files: string[];
  try {
    files = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith(".jsonl"))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("INPUT_INVALID", `${dir}: cannot list the labelled outputs: ${reason}`, { cause: error });
  }
  if (files.length === 0) throw new RampartError("INPUT_INVALID", `${dir}: no .jsonl files of labelled outputs`);
  const rows: OutputRow[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const handle = await open(path);
    try {
      for await (const entry of readJsonl(handle.createReadStream(), outputRowSchema)) {
        if (!entry.ok) throw new RampartError("INPUT_INVALID", formatLineIssues(path, entry).join("\n"));
        rows.push(entry.value);
      }
    } finally {
      await handle.close();
    }
  }
  return rows;
}
