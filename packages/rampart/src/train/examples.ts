import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { CLASSES, type ClassName, type Hazard, RampartError } from "@rampart/guard";
import { type LabelledRow, readLabelled } from "../bench/dataset.js";
import { formatLineIssues } from "../io/jsonl.js";
import { hazardOfCategory } from "./hazard-labels.js";
import { nearDuplicateGroups } from "./near-duplicates.js";

export const SPLITS = ["train", "validation", "test"] as const;
export type Split = (typeof SPLITS)[number];

/** One labelled prompt as training sees it. */
export interface Example {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly kind: string;
  readonly label: ClassName;
  readonly hazard: Hazard | undefined;
  readonly split: Split;
  /** The language the row says it is in ("en" when it says none). */
  readonly lang: string;
  /**
   * False for a prompt in a language no benign prompt is in: a model that sees a language only in
   * attacks learns the language, not the attack, and then blocks every benign prompt written in it.
   */
  readonly trainable: boolean;
  /** The near-duplicate group (its first member's index): a group never straddles splits or folds. */
  readonly group: number;
}

export interface ExampleSet {
  readonly examples: Example[];
  /** Rows dropped because the same text (case and whitespace folded) came earlier, per source. */
  readonly duplicates: ReadonlyMap<string, number>;
  /** Of those, the ones whose kind differed from the row kept (the first one's label wins), per source. */
  readonly conflicts: ReadonlyMap<string, number>;
  readonly files: string[];
}

const LABEL_OF_KIND: Readonly<Record<string, ClassName>> = {
  benign: "benign",
  "benign-borderline": "benign",
  jailbreak: "jailbreak",
  injection: "injection",
  harmful: "harmful",
};

/** Share of examples per split, in percent: train 80, validation 10, test 10. */
const SPLIT_PERCENT: readonly [Split, number][] = [
  ["train", 80],
  ["validation", 10],
  ["test", 10],
];

/**
 * Reads every `*.jsonl` under `dir` (files in name order). A text that repeats, here or in another
 * file, is kept once, at its first place, and near-duplicates (see nearDuplicateGroups) share a
 * split, so no test prompt is also, or almost, a training prompt. The split is a hash of the
 * group's first text with the seed: the same data and seed always give the same split.
 */
export async function readExamples(dir: string, seed: string): Promise<ExampleSet> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith(".jsonl")).sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("INPUT_INVALID", `${dir}: cannot list the training data: ${reason}`, { cause: error });
  }
  if (files.length === 0) throw new RampartError("INPUT_INVALID", `${dir}: no .jsonl files to train on`);
  const rows: { row: LabelledRow; path: string; line: number; key: string }[] = [];
  const duplicates = new Map<string, number>();
  const conflicts = new Map<string, number>();
  const kindOf = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    for await (const entry of readLabelled(path)) {
      if (!entry.ok) throw new RampartError("INPUT_INVALID", formatLineIssues(path, entry).join("\n"));
      const row = entry.value;
      const key = foldText(row.text);
      const kept = kindOf.get(key);
      if (kept !== undefined) {
        duplicates.set(row.source, (duplicates.get(row.source) ?? 0) + 1);
        if (kept !== row.kind) conflicts.set(row.source, (conflicts.get(row.source) ?? 0) + 1);
        continue;
      }
      kindOf.set(key, row.kind);
      rows.push({ row, path, line: entry.line, key });
    }
  }
  const groups = nearDuplicateGroups(rows.map((r) => r.key));
  const benignLanguages = new Set(rows.filter((r) => r.row.label === "benign").map((r) => languageOf(r.row)));
  const examples = rows.map((r, i) => {
    const group = groups[i]!;
    const placed = { split: splitOf(rows[group]!.key, seed), group, trainable: benignLanguages.has(languageOf(r.row)) };
    return toExample(r.row, r.path, r.line, placed);
  });
  return { examples, duplicates, conflicts, files };
}

function languageOf(row: LabelledRow): string {
  return row.lang ?? "en";
}

function toExample(
  row: LabelledRow,
  path: string,
  line: number,
  placed: Pick<Example, "split" | "group" | "trainable">,
): Example {
  const label = LABEL_OF_KIND[row.kind];
  if (label === undefined || (row.label === "benign") !== (label === "benign")) {
    throw new RampartError(
      "INPUT_INVALID",
      `${path}:${line}: kind "${row.kind}" with label "${row.label}": expected kind ${Object.keys(LABEL_OF_KIND).join("|")} ` +
        "(benign and benign-borderline with label benign, the others with label attack)",
    );
  }
  const hazard = label === "harmful" ? hazardOfCategory(row.category) : undefined;
  return {
    id: String(row.id),
    source: row.source,
    text: row.text,
    kind: row.kind,
    label,
    hazard,
    lang: languageOf(row),
    ...placed,
  };
}

export function foldText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function splitOf(key: string, seed: string): Split {
  const digest = createHash("sha256").update(seed).update("\0").update(key).digest();
  const percent = digest.readUInt32BE(0) % 100;
  let bound = 0;
  for (const [split, share] of SPLIT_PERCENT) {
    bound += share;
    if (percent < bound) return split;
  }
  return "test";
}

export function labelIndex(label: ClassName): number {
  return CLASSES.indexOf(label);
}
