import { type ClassifierModel, canonicalise, classifyViews, createGuard } from "@rampart/guard";
import type { Example } from "./examples.js";
import { heuristicRow, type TrainingData, type TrainOptions, trainClassifier } from "./train-model.js";

/** One evaluated prompt: the classifier's attack probability and whether the whole guard blocked it. */
export interface Scored {
  readonly example: Example;
  readonly attack: number;
  readonly blocked: boolean;
}

export const ATTACK_KINDS = ["jailbreak", "injection", "harmful"] as const;

export interface Rate {
  readonly n: number;
  /** Share blocked, 0..1; null when there is nothing to count. */
  readonly rate: number | null;
}

export interface SourceResult {
  readonly source: string;
  readonly attack: boolean;
  readonly n: number;
  /** TPR for attack rows, FPR for benign ones, at block. */
  readonly rate: number | null;
  /** ROC AUC of the classifier's attack probability: this source's attacks against the benign reference. */
  readonly auc: number | null;
  /** Two points of that ROC curve: the classifier's TPR where it passes 1% and 5% of the benign reference. */
  readonly tprAt1: number | null;
  readonly tprAt5: number | null;
}

export interface EvaluationSummary {
  readonly byKind: Readonly<Record<(typeof ATTACK_KINDS)[number], Rate>>;
  /** Benign prompts (kind benign) blocked. */
  readonly benign: Rate;
  /** XSTest's safe prompts blocked. */
  readonly xstestSafe: Rate;
  /** Every borderline-benign prompt blocked. */
  readonly borderline: Rate;
  readonly bySource: SourceResult[];
  /**
   * Expected calibration error of the attack probability (10 equal-width bins): how far, on
   * average over prompts, the stated probability is from the share of attacks at that probability.
   */
  readonly calibrationError: number | null;
}

/** Checks each row with the whole guard (heuristics, signatures, `model`) and scores it with the model alone. */
export function scoreRows(data: TrainingData, rows: readonly number[], model: ClassifierModel | null): Scored[] {
  const guard = createGuard({}, { classifier: model });
  return rows.map((row) => {
    const example = data.examples[row]!;
    const blocked = guard.check(example.text).action === "block";
    const attack =
      model === null
        ? 0
        : (classifyViews(model, canonicalise(example.text).views, heuristicRow(data.matrix, row))?.attack ?? 0);
    return { example, attack, blocked };
  });
}

/**
 * Rates per kind and source. `reference` are the benign prompts each source's AUC is measured
 * against (the evaluated rows themselves when omitted).
 */
export function summarise(scored: readonly Scored[], reference: readonly Scored[] = scored): EvaluationSummary {
  const rate = (rows: readonly Scored[]): Rate => ({
    n: rows.length,
    rate: rows.length === 0 ? null : rows.filter((s) => s.blocked).length / rows.length,
  });
  const benignScores = reference.filter((s) => s.example.kind === "benign").map((s) => s.attack);
  const sources = [...new Set(scored.map((s) => s.example.source))].sort();
  const bySource: SourceResult[] = [];
  for (const source of sources) {
    for (const attack of [true, false]) {
      const rows = scored.filter((s) => s.example.source === source && (s.example.label !== "benign") === attack);
      if (rows.length === 0) continue;
      const scores = rows.map((s) => s.attack);
      bySource.push({
        source,
        attack,
        n: rows.length,
        rate: rate(rows).rate,
        auc: attack ? rocAuc(scores, benignScores) : null,
        tprAt1: attack ? tprAtFpr(scores, benignScores, 0.01) : null,
        tprAt5: attack ? tprAtFpr(scores, benignScores, 0.05) : null,
      });
    }
  }
  return {
    byKind: {
      jailbreak: rate(scored.filter((s) => s.example.label === "jailbreak")),
      injection: rate(scored.filter((s) => s.example.label === "injection")),
      harmful: rate(scored.filter((s) => s.example.label === "harmful")),
    },
    benign: rate(scored.filter((s) => s.example.kind === "benign")),
    xstestSafe: rate(scored.filter((s) => s.example.source === "xstest" && s.example.label === "benign")),
    borderline: rate(scored.filter((s) => s.example.kind === "benign-borderline")),
    bySource,
    calibrationError: expectedCalibrationError(scored),
  };
}

/** The share of `positives` at or above the lowest threshold that at most `fpr` of `negatives` reach. */
export function tprAtFpr(positives: readonly number[], negatives: readonly number[], fpr: number): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(fpr * sorted.length);
  // Strictly above the first negative that must be kept out, so ties with it stay out too.
  const keptOut = sorted[allowed];
  const passes = (score: number) => keptOut === undefined || score > keptOut;
  return positives.filter(passes).length / positives.length;
}

/** Expected calibration error over 10 equal-width bins of the attack probability; null with no rows. */
export function expectedCalibrationError(scored: readonly Scored[]): number | null {
  if (scored.length === 0) return null;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, probability: 0, attacks: 0 }));
  for (const s of scored) {
    const bin = bins[Math.min(9, Math.floor(s.attack * 10))]!;
    bin.n++;
    bin.probability += s.attack;
    if (s.example.label !== "benign") bin.attacks++;
  }
  return bins.reduce((sum, bin) => sum + Math.abs(bin.probability - bin.attacks) / scored.length, 0);
}

/**
 * Area under the ROC curve: the probability that a random positive outscores a random negative,
 * ties counting half (the Mann-Whitney statistic), computed from ranks in O(n log n).
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const all = [
    ...positives.map((score) => ({ score, positive: true })),
    ...negatives.map((score) => ({ score, positive: false })),
  ];
  all.sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.score === all[i]!.score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.positive) rankSum += midRank;
    i = j;
  }
  const p = positives.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * negatives.length);
}

export interface FoldResult {
  readonly source: string;
  /** The held-out source's rows, scored by a model trained without them. */
  readonly heldOut: EvaluationSummary;
  /** The other sources' benign test-split prompts, scored by the same model: the fold's false-positive rate. */
  readonly reference: EvaluationSummary;
}

/**
 * Leave one source out: trains on the train split of every other source (minus anything in a
 * near-duplicate group with the held-out rows), calibrates on their validation split, and tests
 * on every row of the held-out source.
 */
export function leaveOneSourceOut(
  data: TrainingData,
  source: string,
  options: TrainOptions,
  log: (line: string) => void = () => {},
): FoldResult {
  const { examples } = data;
  const heldOutGroups = new Set(examples.filter((e) => e.source === source).map((e) => e.group));
  const usable = (e: Example) => e.source !== source && !heldOutGroups.has(e.group) && e.trainable;
  const rowsOf = (keep: (e: Example) => boolean) => [...examples.keys()].filter((row) => keep(examples[row]!));
  const trainRows = rowsOf((e) => usable(e) && e.split === "train");
  const validationRows = rowsOf((e) => usable(e) && e.split === "validation");
  const { model } = trainClassifier(data, trainRows, validationRows, options, `validation split without ${source}`);
  const heldOut = scoreRows(
    data,
    rowsOf((e) => e.source === source),
    model,
  );
  const reference = scoreRows(
    data,
    rowsOf((e) => e.source !== source && !heldOutGroups.has(e.group) && e.split === "test" && e.label === "benign"),
    model,
  );
  log(`${source}: ${heldOut.length} held out, trained on ${trainRows.length}`);
  return { source, heldOut: summarise(heldOut, reference), reference: summarise(reference) };
}
