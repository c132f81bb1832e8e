/** The normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959964;

/** A proportion with its confidence interval, all in [0, 1]. */
export interface Interval {
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/** A difference of two proportions with its confidence interval, all in [-1, 1]. */
export interface Difference {
  /** Point estimate: rate of the second sample minus rate of the first. */
  readonly delta: number;
  readonly low: number;
  readonly high: number;
}

function checkCounts(successes: number, trials: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`wilson: need integers 0 <= successes <= trials, got ${successes}/${trials}`);
  }
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927): unlike the normal approximation it
 * stays inside [0, 1] and keeps its coverage near 0 and 1, where attack success rates often sit.
 * With no trials nothing is known: `{rate: 0, low: 0, high: 1}`.
 */
export function wilson(successes: number, trials: number, z = Z95): Interval {
  checkCounts(successes, trials);
  if (trials === 0) return { rate: 0, low: 0, high: 1 };
  const rate = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (rate + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials));
  // The bounds are exact at the edges; clamping only removes floating-point dust.
  const low = successes === 0 ? 0 : Math.max(0, Math.min(rate, centre - half));
  const high = successes === trials ? 1 : Math.min(1, Math.max(rate, centre + half));
  return { rate, low, high };
}

/** Counts behind a proportion. */
export interface Counts {
  readonly successes: number;
  readonly trials: number;
}

/**
 * Newcombe's hybrid score interval (Newcombe 1998, method 10) for `p2 − p1`, the difference of two
 * independent proportions: it combines the two Wilson intervals, so it inherits their good coverage
 * with small counts and rates near 0 or 1, where the Wald interval fails.
 * A sample with no trials contributes its whole [0, 1] uncertainty, so it is never significant.
 */
export function newcombe(first: Counts, second: Counts, z = Z95): Difference {
  const a = wilson(first.successes, first.trials, z);
  const b = wilson(second.successes, second.trials, z);
  const delta = b.rate - a.rate;
  const low = delta - Math.sqrt((b.rate - b.low) ** 2 + (a.high - a.rate) ** 2);
  const high = delta + Math.sqrt((b.high - b.rate) ** 2 + (a.rate - a.low) ** 2);
  return { delta, low: Math.max(-1, low), high: Math.min(1, high) };
}

/**
 * True when the second proportion is significantly higher than the first: the two-sided Newcombe
 * interval at normal quantile `z` lies entirely above zero (a one-sided test at level α/2).
 */
export function significantlyHigher(first: Counts, second: Counts, z = Z95): boolean {
  return newcombe(first, second, z).low > 0;
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below
 * 1.2e-9). Used to turn a corrected significance level into a `z`.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p < LOW_TAIL) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - LOW_TAIL) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  const [a1, a2, a3, a4, a5, a6] = ACKLAM_A;
  const [b1, b2, b3, b4, b5] = ACKLAM_B;
  return (
    ((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q) /
    (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1)
  );
}

const LOW_TAIL = 0.02425;
const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
] as const;
const ACKLAM_B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;

/** Acklam's lower-tail branch, for q = √(−2 ln p). */
function tail(q: number): number {
  const [c1, c2, c3, c4, c5, c6] = ACKLAM_C;
  const [d1, d2, d3, d4] = ACKLAM_D;
  return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
}
