import { join } from "node:path";
import { type Behavior, HAZARDS, type Hazard } from "../types.js";
import { guessHazard } from "./guess.js";
import { BEHAVIOR_SETS, type BehaviorSet, type CategoryMapping, HAZARD_SEVERITY, SOURCE_MAPPINGS } from "./mappings.js";
import { foldText, type ImportIssue, readPromptRows } from "./rows.js";

/** What importing one set did: how many rows became behaviors, and how their hazards were decided. */
export interface SetStats {
  readonly set: BehaviorSet;
  readonly file: string;
  /** False when the file is absent (an issue says so too). */
  readonly found: boolean;
  /** Valid rows read. */
  readonly rows: number;
  /** Rows that are not `label: "attack"`, `kind: "harmful"` (benign rows, jailbreak wrappers). */
  readonly notHarmful: number;
  readonly imported: number;
  /** Hazard fixed by the mapping table alone (a one-hazard category). */
  readonly byTable: number;
  /** Hazard picked among the category's candidates by a keyword rule. */
  readonly byKeyword: number;
  /** No rule matched: the category's fallback hazard was used. */
  readonly defaulted: number;
  /** Left out: the category lies outside the ten hazards (HarmBench copyright, plain adult content). */
  readonly outOfScope: number;
  /** Left out: the same text (case and spacing folded) came earlier, in this set or an earlier one. */
  readonly duplicates: number;
  /** Rows without a category (all of AdvBench), mapped with the set's `unlisted` entry. */
  readonly uncategorised: number;
  /** Categories present in the data but missing from the table, with their row counts. */
  readonly unknownCategories: Readonly<Record<string, number>>;
  readonly byHazard: Readonly<Record<Hazard, number>>;
}

/** The imported behaviors, every problem met on the way, and one record per set. */
export interface ImportResult {
  readonly behaviors: Behavior[];
  readonly issues: ImportIssue[];
  readonly stats: SetStats[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// HarmBench's contextual behaviors are the context, this separator, then the request itself.
const CONTEXT_SEPARATOR = "\n\n---\n\n";

/** True for the names `importBehaviors` knows, so a CLI can check user input before calling it. */
export function isBehaviorSet(name: string): name is BehaviorSet {
  return (BEHAVIOR_SETS as readonly string[]).includes(name);
}

/**
 * Reads the public behavior sets from `<dataDir>/prompts/<set>.jsonl` and maps each harmful row onto
 * one of the ten hazards with the set's mapping table (mappings.ts). Bad rows and absent files become
 * issues with their file and line; nothing throws. Texts repeated across sets (AdvBench goals recur in
 * HarmBench and JailbreakBench) are imported once, from the first set in `sets` order.
 */
export async function importBehaviors(
  dataDir: string,
  sets: readonly BehaviorSet[] = BEHAVIOR_SETS,
): Promise<ImportResult> {
  const behaviors: Behavior[] = [];
  const issues: ImportIssue[] = [];
  const stats: SetStats[] = [];
  const seen = new Set<string>();
  for (const set of sets) {
    if (!isBehaviorSet(set)) {
      issues.push({ file: String(set), message: `unknown behavior set "${set}": expected one of ${BEHAVIOR_SETS}` });
      continue;
    }
    const mapping = SOURCE_MAPPINGS[set];
    const file = join(dataDir, "prompts", `${mapping.file}.jsonl`);
    const read = await readPromptRows(file);
    issues.push(...read.issues);
    const byHazard = Object.fromEntries(HAZARDS.map((hazard) => [hazard, 0])) as Record<Hazard, number>;
    const stat: Mutable<SetStats> = {
      set,
      file,
      found: read.found,
      rows: read.rows.length,
      notHarmful: 0,
      imported: 0,
      byTable: 0,
      byKeyword: 0,
      defaulted: 0,
      outOfScope: 0,
      duplicates: 0,
      uncategorised: 0,
      unknownCategories: {},
      byHazard,
    };
    const unknown: Record<string, number> = {};
    for (const { row } of read.rows) {
      if (row.label !== "attack" || row.kind !== "harmful") {
        stat.notHarmful += 1;
        continue;
      }
      const category = row.category?.replace(/\/contextual$/, "");
      let entry: CategoryMapping | undefined = category === undefined ? undefined : mapping.categories[category];
      if (category === undefined) stat.uncategorised += 1;
      else if (entry === undefined) unknown[category] = (unknown[category] ?? 0) + 1;
      entry ??= mapping.unlisted;
      const at = row.text.lastIndexOf(CONTEXT_SEPARATOR);
      const request = at === -1 ? row.text : row.text.slice(at + CONTEXT_SEPARATOR.length);
      const decided = decideHazard(request, entry);
      if (decided === undefined) {
        stat.outOfScope += 1;
        continue;
      }
      const key = foldText(row.text);
      if (seen.has(key)) {
        stat.duplicates += 1;
        continue;
      }
      seen.add(key);
      stat[decided.how] += 1;
      byHazard[decided.hazard] += 1;
      stat.imported += 1;
      behaviors.push({
        id: row.id,
        goal: row.text,
        category: decided.hazard,
        severity: HAZARD_SEVERITY[decided.hazard],
        source: row.source,
      });
    }
    stat.unknownCategories = unknown;
    stats.push(stat);
  }
  return { behaviors, issues, stats };
}

/** The hazard for one request and how it was reached; `undefined` when the row is out of scope. */
function decideHazard(
  request: string,
  entry: CategoryMapping,
): { hazard: Hazard; how: "byTable" | "byKeyword" | "defaulted" } | undefined {
  const [first, ...rest] = entry.candidates;
  if (first === undefined) return undefined;
  if (rest.length === 0) return { hazard: first, how: "byTable" };
  const guessed = guessHazard(request, entry.candidates);
  if (guessed !== undefined) return { hazard: guessed, how: "byKeyword" };
  return entry.fallback === null ? undefined : { hazard: entry.fallback, how: "defaulted" };
}
