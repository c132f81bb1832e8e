import { createHash } from "node:crypto";
import type { OutputClass } from "@rampart/guard";
import { foldText, type Split } from "../examples.js";
import { nearDuplicateGroups } from "../near-duplicates.js";
import type { OutputRow } from "./output-rows.js";

export interface OutputExample {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly label: OutputClass;
  readonly prompt: string | null;
  readonly split: Split;
}

/**
 * The rows the output classifier learns from (every label but `leak`, which the leak scanners
 * handle), each placed in a split by its near-duplicate group, as for prompts: two answers that
 * differ by a few words never sit on both sides of a split.
 */
export function outputExamples(rows: readonly OutputRow[], seed: string): OutputExample[] {
  const kept = rows.filter((row): row is OutputRow & { label: OutputClass } => row.label !== "leak");
  const keys = kept.map((row) => foldText(row.response));
  const groups = nearDuplicateGroups(keys);
  return kept.map((row, i) => ({
    id: String(row.id),
    source: row.source,
    text: row.response,
    label: row.label,
    prompt: row.prompt,
    split: splitOf(keys[groups[i]!]!, seed),
  }));
}

function splitOf(key: string, seed: string): Split {
  const percent = createHash("sha256").update(seed).update("\0").update(key).digest().readUInt32BE(0) % 100;
  return percent < 80 ? "train" : percent < 90 ? "validation" : "test";
}
