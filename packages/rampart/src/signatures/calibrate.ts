import { canonicalise, decodeMinHash, MINHASH_BINS, minhash, sha256Hex, similarity } from "@rampart/guard";
import { buildStarterSet, type TemplateRow } from "./build-starter.js";

/**
 * Chooses the starter set's fuzzy-match threshold (and LSH banding) by cross-source validation.
 *
 * Recall: for each template source in turn, the set is built from the *other* sources and the
 * held-out source's prompts are matched against it, so the score says how well signatures catch
 * a template family's variants that a different collector wrote down, which is what a deployed
 * set meets. False matches: the set built from every source is matched against benign
 * calibration prompts. A prompt matches at (rows, threshold) when some fuzzy signature shares a
 * band of `rows` consecutive bins with it (the index's candidate test) and is at least
 * `threshold` similar, or when its canonical text hashes to an exact signature.
 */

/** Thresholds tried, from loose to strict. */
export const CALIBRATION_THRESHOLDS: readonly number[] = [
  0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8,
];
/** Band widths tried (rows per band); each divides MINHASH_BINS. */
export const CALIBRATION_BAND_ROWS: readonly number[] = [2, 4, 8];
/** Most false matches a choice may make, as a fraction of each calibration source's prompts. */
export const FALSE_MATCH_BUDGET = 0.001;

export interface BenignSample {
  readonly source: string;
  readonly text: string;
}

/** Prompts of one source matched at each (rows, threshold): matched[r][t] counts prompts. */
export interface SourceCounts {
  readonly source: string;
  readonly prompts: number;
  readonly matched: readonly (readonly number[])[];
  /** The highest similarity of any of its prompts to any fuzzy signature, banding aside. */
  readonly highest: number;
}

export interface CalibrationTable {
  readonly thresholds: readonly number[];
  readonly bandRows: readonly number[];
  /** One row per held-out template source: its prompts matched by the set built from the others. */
  readonly folds: readonly SourceCounts[];
  /** One row per benign calibration source: its prompts matched by the set built from all templates. */
  readonly benign: readonly SourceCounts[];
}

export interface Choice {
  readonly threshold: number;
  readonly bandRows: number;
  /** Mean over folds of the held-out recall. */
  readonly recall: number;
  readonly falseMatches: number;
}

export interface CalibrateOptions {
  readonly thresholds?: readonly number[];
  readonly bandRows?: readonly number[];
}

export function calibrate(
  templates: readonly TemplateRow[],
  payloads: readonly string[],
  benign: readonly BenignSample[],
  options: CalibrateOptions = {},
): CalibrationTable {
  const thresholds = options.thresholds ?? CALIBRATION_THRESHOLDS;
  const bandRows = options.bandRows ?? CALIBRATION_BAND_ROWS;
  const sources = [...new Set(templates.map((t) => t.source))];
  const folds = sources.map((heldOut) => {
    const matcher = new Matcher(
      templates.filter((t) => t.source !== heldOut),
      payloads,
      bandRows,
    );
    const texts = templates.filter((t) => t.source === heldOut).map((t) => t.text);
    return matcher.count(heldOut, texts, thresholds);
  });
  const all = new Matcher(templates, payloads, bandRows);
  const benignSources = [...new Set(benign.map((b) => b.source))];
  const benignCounts = benignSources.map((source) =>
    all.count(
      source,
      benign.filter((b) => b.source === source).map((b) => b.text),
      thresholds,
    ),
  );
  return { thresholds, bandRows, folds, benign: benignCounts };
}

/**
 * Sampling error allowed for: a threshold must clear the highest benign similarity seen by this
 * many standard errors of a MINHASH_BINS-bin estimate, so a benign prompt a little closer to a
 * template than any in the calibration data still falls short of it.
 */
export const MARGIN_SIGMAS = 3;

/** The lowest threshold that clears the benign calibration prompts' highest similarity by the margin. */
export function floorThreshold(table: CalibrationTable): number {
  const highest = Math.max(0, ...table.benign.map((b) => b.highest));
  return highest + MARGIN_SIGMAS * Math.sqrt((highest * (1 - highest)) / MINHASH_BINS);
}

/**
 * The (rows, threshold) with the best mean held-out recall among those at or above
 * floorThreshold whose false matches stay within `budget` on every calibration source; ties go
 * to the higher threshold (more margin against benign text) and then to the wider band (fewer
 * candidates to compare).
 */
export function choose(table: CalibrationTable, budget = FALSE_MATCH_BUDGET): Choice | undefined {
  const floor = floorThreshold(table);
  let best: Choice | undefined;
  table.bandRows.forEach((rows, r) => {
    table.thresholds.forEach((threshold, t) => {
      const withinBudget = table.benign.every((b) => b.matched[r]![t]! <= budget * b.prompts);
      if (threshold < floor || !withinBudget) return;
      const recall = meanRecall(table, r, t);
      const falseMatches = table.benign.reduce((sum, b) => sum + b.matched[r]![t]!, 0);
      const better =
        best === undefined ||
        recall > best.recall + 1e-9 ||
        (Math.abs(recall - best.recall) <= 1e-9 &&
          (threshold > best.threshold || (threshold === best.threshold && rows > best.bandRows)));
      if (better) best = { threshold, bandRows: rows, recall, falseMatches };
    });
  });
  return best;
}

export function meanRecall(table: CalibrationTable, r: number, t: number): number {
  const recalls = table.folds.filter((f) => f.prompts > 0).map((f) => f.matched[r]![t]! / f.prompts);
  return recalls.length === 0 ? 0 : recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

/** The table as Markdown: one block per band width, a row per threshold. */
export function renderTable(table: CalibrationTable): string {
  const lines: string[] = [];
  const percent = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);
  table.bandRows.forEach((rows, r) => {
    const bands = MINHASH_BINS / rows;
    lines.push(`${bands} bands × ${rows} rows`, "");
    const foldHeads = table.folds.map((f) => `${f.source} (${f.prompts})`);
    const benignHeads = table.benign.map((b) => `FP ${b.source} (${b.prompts})`);
    lines.push(`| threshold | ${foldHeads.join(" | ")} | mean recall | ${benignHeads.join(" | ")} |`);
    lines.push(`|${" --- |".repeat(2 + foldHeads.length + benignHeads.length)}`);
    table.thresholds.forEach((threshold, t) => {
      const folds = table.folds.map((f) => percent(f.matched[r]![t]!, f.prompts));
      const benign = table.benign.map((b) => `${b.matched[r]![t]!}`);
      const mean = `${(100 * meanRecall(table, r, t)).toFixed(1)}%`;
      lines.push(`| ${threshold.toFixed(2)} | ${folds.join(" | ")} | ${mean} | ${benign.join(" | ")} |`);
    });
    lines.push("");
  });
  const highest = table.benign.map((b) => `${b.source} ${b.highest.toFixed(3)}`).join(", ");
  lines.push(`Highest similarity of a benign calibration prompt to any signature: ${highest}.`);
  lines.push(
    `Lowest threshold allowed (highest + ${MARGIN_SIGMAS} standard errors): ${floorThreshold(table).toFixed(3)}.`,
    "",
  );
  return lines.join("\n");
}

/** A signature set's fuzzy sketches and exact hashes, matched the way the guard's index does. */
class Matcher {
  private readonly sketches: Uint32Array[] = [];
  private readonly hashes = new Set<string>();

  constructor(
    templates: readonly TemplateRow[],
    payloads: readonly string[],
    private readonly bandRows: readonly number[],
  ) {
    for (const signature of buildStarterSet(templates, payloads).signatures) {
      if (signature.kind === "exact") this.hashes.add(signature.sha256);
      else {
        const sketch = decodeMinHash(signature.minhash);
        if (sketch !== undefined) this.sketches.push(sketch);
      }
    }
  }

  count(source: string, texts: readonly string[], thresholds: readonly number[]): SourceCounts {
    const matched = this.bandRows.map(() => thresholds.map(() => 0));
    let highest = 0;
    for (const text of texts) {
      const best = this.best(text);
      highest = Math.max(highest, best.at(-1)!);
      this.bandRows.forEach((_, r) => {
        thresholds.forEach((threshold, t) => {
          if (best[r]! >= threshold) matched[r]![t]!++;
        });
      });
    }
    return { source, prompts: texts.length, matched, highest };
  }

  /**
   * For each band width, the highest similarity among candidate signatures (1 on an exact hit),
   * then the highest among all signatures, candidates or not.
   */
  private best(text: string): number[] {
    const canonical = canonicalise(text).views[0]?.text ?? "";
    const best = [...this.bandRows.map(() => 0), 0];
    if (this.hashes.has(sha256Hex(canonical))) return best.fill(1);
    const sketch = minhash(canonical);
    if (sketch === undefined) return best;
    for (const signature of this.sketches) {
      const s = similarity(sketch, signature);
      best[this.bandRows.length] = Math.max(best[this.bandRows.length]!, s);
      this.bandRows.forEach((rows, r) => {
        if (s > best[r]! && sharesBand(sketch, signature, rows)) best[r] = s;
      });
    }
    return best;
  }
}

function sharesBand(a: Uint32Array, b: Uint32Array, rows: number): boolean {
  for (let start = 0; start + rows <= MINHASH_BINS; start += rows) {
    let same = true;
    for (let i = start; i < start + rows && same; i++) same = a[i] === b[i];
    if (same) return true;
  }
  return false;
}
