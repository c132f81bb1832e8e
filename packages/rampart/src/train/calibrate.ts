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

/** A validation prompt as the operating-point search sees it: its attack-class probabilities. */
export interface ScoredPrompt {
  /** P(jailbreak), P(injection), P(harmful), calibrated. */
  readonly probabilities: readonly [number, number, number];
  /** The class index into those three for an attack, -1 for a benign prompt. */
  readonly attackClass: number;
  readonly borderline: boolean;
}

export interface PointLimits {
  /** Largest share of benign (not borderline) prompts that may reach a point. */
  readonly benignRate: number;
  /** Largest share of borderline-benign prompts that may reach it; Infinity for no limit. */
  readonly borderlineRate: number;
}

/** Candidate thresholds per class; coarse where probabilities are spread, fine near 1 where they crowd. */
export const THRESHOLD_GRID: readonly number[] = [
  0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999,
];

/**
 * The per-class thresholds (one per attack class, from THRESHOLD_GRID) that catch the most attacks
 * (the sum of the three classes' recalls, a prompt caught when any class reaches its threshold)
 * while passing at most `limits` of the benign prompts. Ties go to fewer benign prompts passed,
 * then to the earlier candidate. Null when no candidate keeps within the limits.
 */
export function choosePoints(prompts: readonly ScoredPrompt[], limits: PointLimits): [number, number, number] | null {
  const benign = prompts.filter((p) => p.attackClass < 0 && !p.borderline);
  const borderline = prompts.filter((p) => p.attackClass < 0 && p.borderline);
  const attacks = [0, 1, 2].map((c) => prompts.filter((p) => p.attackClass === c));
  const reaches = (p: ScoredPrompt, t: readonly number[]) =>
    p.probabilities[0] >= t[0]! || p.probabilities[1] >= t[1]! || p.probabilities[2] >= t[2]!;
  let best: { points: [number, number, number]; recall: number; passed: number } | null = null;
  for (const a of THRESHOLD_GRID) {
    for (const b of THRESHOLD_GRID) {
      for (const c of THRESHOLD_GRID) {
        const points: [number, number, number] = [a, b, c];
        const passed = benign.filter((p) => reaches(p, points)).length;
        if (passed > limits.benignRate * benign.length) continue;
        if (borderline.filter((p) => reaches(p, points)).length > limits.borderlineRate * borderline.length) continue;
        const recall = attacks.reduce(
          (sum, rows) => sum + (rows.length === 0 ? 0 : rows.filter((p) => reaches(p, points)).length / rows.length),
          0,
        );
        if (best === null || recall > best.recall || (recall === best.recall && passed < best.passed)) {
          best = { points, recall, passed };
        }
      }
    }
  }
  return best?.points ?? null;
}
