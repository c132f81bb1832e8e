import type { Rate, RiskSummary } from "./risk.js";
import { type Counts, newcombe, normalQuantile } from "./wilson.js";

/** What a compared rate measures. */
export type DiffScope = "overall" | "category" | "strategy" | "over-refusal";

/** One rate compared between run A and run B: B − A with Newcombe's interval at the level used. */
export interface RateChange {
  readonly scope: DiffScope;
  /** The category or strategy id; "overall" / "over-refusal" for those. */
  readonly key: string;
  readonly a: Counts & { readonly rate: number };
  readonly b: Counts & { readonly rate: number };
  readonly delta: number;
  readonly low: number;
  readonly high: number;
  /** The two-sided confidence level of [low, high], after any multiple-comparison correction. */
  readonly confidence: number;
}

/** What changed from run A to run B. */
export interface RunDiff {
  readonly score: { readonly a: number; readonly b: number; readonly change: number };
  /** Rates significantly higher in B (attacks succeed more often, or benign prompts are refused more). */
  readonly regressions: readonly RateChange[];
  /** Rates significantly lower in B. */
  readonly improvements: readonly RateChange[];
  /** Comparisons made: primary (overall ASR, over-refusal) and secondary (categories, strategies). */
  readonly comparisons: { readonly primary: number; readonly secondary: number };
}

/** Knobs for {@link diffRuns}. */
export interface DiffOptions {
  /** Two-sided significance level per primary comparison; default 0.05. */
  readonly alpha?: number;
  /** Family-wise correction over the secondary comparisons; default "bonferroni". */
  readonly correction?: "bonferroni" | "none";
}

interface Comparison {
  readonly scope: DiffScope;
  readonly key: string;
  readonly a: Counts & { readonly rate: number };
  readonly b: Counts & { readonly rate: number };
}

const counted = (rate: Rate): Comparison["a"] => ({ successes: rate.successes, trials: rate.trials, rate: rate.rate });

/**
 * Compares two runs' summaries with the same method as uplift: Newcombe's hybrid score interval for
 * B − A; a change is significant when the interval excludes zero. The two primary endpoints, overall
 * ASR and over-refusal, are each tested at level α. The per-category and per-strategy breakdowns are
 * many tests at once (10 categories and 20+ strategies would give about one false alarm per diff at
 * 5% each), so they are tested at α/m (Bonferroni, m = secondary comparisons made), which keeps the
 * chance of any false secondary flag at most α. Only rates with trials on both sides are compared;
 * strategies run on one side only are skipped. The score change is reported as is: it has no
 * interval of its own, and its components are what the tests cover.
 */
export function diffRuns(a: RiskSummary, b: RiskSummary, options: DiffOptions = {}): RunDiff {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`diffRuns: alpha must be in (0, 1), got ${alpha}`);
  const candidates: Comparison[] = [
    { scope: "overall", key: "overall", a: counted(a.asr.overall), b: counted(b.asr.overall) },
    {
      scope: "over-refusal",
      key: "over-refusal",
      a: { successes: a.overRefusal.refused, trials: a.overRefusal.total, rate: a.overRefusal.rate },
      b: { successes: b.overRefusal.refused, trials: b.overRefusal.total, rate: b.overRefusal.rate },
    },
  ];
  const primary = candidates.filter(comparable);
  const secondary: Comparison[] = [];
  for (const [scope, ofA, ofB] of [
    ["category", a.asr.byCategory, b.asr.byCategory],
    ["strategy", a.asr.byStrategy, b.asr.byStrategy],
  ] as const) {
    const rates: Record<string, Rate> = ofB;
    for (const [key, rateA] of Object.entries(ofA)) {
      const rateB = rates[key];
      if (rateB === undefined) continue;
      const comparison: Comparison = { scope, key, a: counted(rateA), b: counted(rateB) };
      if (comparable(comparison)) secondary.push(comparison);
    }
  }
  const corrected = options.correction === "none" || secondary.length === 0 ? alpha : alpha / secondary.length;
  const regressions: RateChange[] = [];
  const improvements: RateChange[] = [];
  const test = (comparisons: readonly Comparison[], level: number): void => {
    const z = normalQuantile(1 - level / 2);
    for (const comparison of comparisons) {
      const { delta, low, high } = newcombe(comparison.a, comparison.b, z);
      const change: RateChange = { ...comparison, delta, low, high, confidence: 1 - level };
      if (low > 0) regressions.push(change);
      else if (high < 0) improvements.push(change);
    }
  };
  test(primary, alpha);
  test(secondary, corrected);
  return {
    score: { a: a.score, b: b.score, change: b.score - a.score },
    regressions,
    improvements,
    comparisons: { primary: primary.length, secondary: secondary.length },
  };
}

function comparable(comparison: Comparison): boolean {
  return comparison.a.trials > 0 && comparison.b.trials > 0;
}
