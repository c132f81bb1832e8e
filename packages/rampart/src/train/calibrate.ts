/**
 * Temperature scaling: the single T that minimises the negative log-likelihood of `labels` under
 * softmax(logits / T), found by golden-section search over log T in [-3, 3]. One parameter keeps
 * the ranking (so the ROC) exactly as trained and only makes the probabilities honest.
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let total = 0;
    logits.forEach((row, i) => {
      let max = Number.NEGATIVE_INFINITY;
      for (const z of row) max = Math.max(max, z / t);
      let sum = 0;
      for (const z of row) sum += Math.exp(z / t - max);
      total -= row[labels[i]!]! / t - max - Math.log(sum);
    });
    return total / Math.max(1, logits.length);
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = -3;
  let high = 3;
  for (let i = 0; i < 60; i++) {
    const left = high - ratio * (high - low);
    const right = low + ratio * (high - low);
    if (nll(left) <= nll(right)) high = right;
    else low = left;
  }
  return Math.exp((low + high) / 2);
}

/**
 * A threshold that at most `rate` of `scores` (benign examples) reach: halfway between the lowest
 * score allowed through and the highest one kept out (tied scores go through or stay out together).
 */
export function thresholdForRate(scores: readonly number[], rate: number): number {
  if (scores.length === 0) throw new RangeError("thresholdForRate: no scores to choose a threshold from");
  const sorted = [...scores].sort((a, b) => b - a);
  const allowed = Math.floor(rate * sorted.length);
  if (allowed >= sorted.length) return sorted[sorted.length - 1]!;
  const above = allowed === 0 ? 1 : sorted[allowed - 1]!;
  const threshold = (sorted[allowed]! + above) / 2;
  return threshold > sorted[allowed]! ? threshold : Math.min(1, sorted[allowed]! + Number.EPSILON);
}
