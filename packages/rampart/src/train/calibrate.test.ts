import { describe, expect, it } from "vitest";
import { fitTemperature, thresholdForRate } from "./calibrate.js";
import { mulberry32 } from "./seeded-random.js";

const reaching = (scores: readonly number[], threshold: number) => scores.filter((s) => s >= threshold).length;

describe("thresholdForRate", () => {
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];

  it("lets through exactly the allowed number of scores, halfway between the last let through and the first kept out", () => {
    expect(thresholdForRate(scores, 0.2)).toBeCloseTo(0.75, 12);
    expect(reaching(scores, thresholdForRate(scores, 0.2))).toBe(2);
    expect(thresholdForRate(scores, 0.5)).toBeCloseTo(0.45, 12);
    expect(reaching(scores, thresholdForRate(scores, 0.5))).toBe(5);
    // 0.25 of 10 allows 2.5 scores: rounded down, never up.
    expect(reaching(scores, thresholdForRate(scores, 0.25))).toBe(2);
  });

  it("puts the threshold above the highest score at rate 0", () => {
    const threshold = thresholdForRate(scores, 0);
    // Halfway between the highest score and 1, the highest probability there is.
    expect(threshold).toBeCloseTo(0.95, 12);
    expect(reaching(scores, threshold)).toBe(0);
    expect(thresholdForRate([0.3], 0)).toBeGreaterThan(0.3);
  });

  it("lets tied scores through or keeps them out together, never exceeding the rate", () => {
    const tied = [0.9, 0.8, 0.8, 0.8, 0.4, 0.3, 0.3, 0.2, 0.1, 0.1];
    // 20% allows two, but the second and third are tied: only the 0.9 can go through.
    const threshold = thresholdForRate(tied, 0.2);
    expect(reaching(tied, threshold)).toBe(1);
    expect(threshold).toBeGreaterThan(0.8);
    expect(threshold).toBeLessThanOrEqual(0.9);
    // All equal and nothing allowed: the threshold is just above them.
    const same = [0.5, 0.5, 0.5, 0.5];
    expect(reaching(same, thresholdForRate(same, 0.5))).toBe(0);
    expect(thresholdForRate(same, 0.5)).toBeGreaterThan(0.5);
  });

  it("never lets more than the rate through on random scores with ties", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 60);
      // Scores on a coarse grid below 1, so ties are common.
      const values = Array.from({ length: n }, () => Math.floor(random() * 20) / 20);
      const rate = random() * 0.5;
      const threshold = thresholdForRate(values, rate);
      const through = reaching(values, threshold);
      expect(through).toBeLessThanOrEqual(Math.floor(rate * n));
      // It is the tightest such threshold: the highest score kept out is kept out only because of the
      // limit (letting it through, with its ties, would exceed the rate).
      const keptOut = values.filter((s) => s < threshold);
      if (keptOut.length > 0) expect(reaching(values, Math.max(...keptOut))).toBeGreaterThan(Math.floor(rate * n));
    }
  });

  it("lets every score through at rate 1 and does not depend on the input order", () => {
    expect(thresholdForRate(scores, 1)).toBe(0.05);
    expect(reaching(scores, thresholdForRate(scores, 1))).toBe(scores.length);
    expect(thresholdForRate([...scores].reverse(), 0.3)).toBe(thresholdForRate(scores, 0.3));
  });

  it("refuses to choose with no scores to go by", () => {
    expect(() => thresholdForRate([], 0.01)).toThrow(/no scores/);
  });
});

/**
 * Rows of logits from a known 3-class softmax model and labels drawn from it, so `z` is calibrated
 * by construction: softmax(z) is the true distribution of each label.
 */
function calibratedSample(n: number, seed: number): { logits: Float64Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Float64Array.from({ length: 3 }, () => (random() - 0.5) * 6);
    const exp = z.map(Math.exp);
    const total = exp.reduce((a, b) => a + b, 0);
    let u = random() * total;
    let label = 0;
    while (label < 2 && u >= exp[label]!) u -= exp[label++]!;
    logits.push(z);
    labels.push(label);
  }
  return { logits, labels };
}

describe("fitTemperature", () => {
  const { logits, labels } = calibratedSample(4000, 11);
  const scaled = (factor: number) => logits.map((row) => row.map((z) => z * factor));

  it("finds T close to 1 for logits that are already calibrated", () => {
    expect(fitTemperature(logits, labels)).toBeGreaterThan(0.9);
    expect(fitTemperature(logits, labels)).toBeLessThan(1.1);
  });

  it("recovers the factor overconfident logits were scaled by", () => {
    const t = fitTemperature(scaled(3), labels);
    expect(t).toBeGreaterThan(2.7);
    expect(t).toBeLessThan(3.3);
  });

  it("recovers a temperature below 1 for underconfident logits", () => {
    const t = fitTemperature(scaled(0.5), labels);
    expect(t).toBeGreaterThan(0.45);
    expect(t).toBeLessThan(0.55);
  });

  it("minimises the negative log-likelihood: nearby temperatures do no better", () => {
    const nll = (rows: readonly Float64Array[], t: number) => {
      let total = 0;
      rows.forEach((row, i) => {
        const max = Math.max(...row.map((z) => z / t));
        const sum = row.reduce((s, z) => s + Math.exp(z / t - max), 0);
        total -= row[labels[i]!]! / t - max - Math.log(sum);
      });
      return total / rows.length;
    };
    const rows = scaled(3);
    const t = fitTemperature(rows, labels);
    expect(nll(rows, t)).toBeLessThanOrEqual(nll(rows, t * 1.05));
    expect(nll(rows, t)).toBeLessThanOrEqual(nll(rows, t / 1.05));
  });

  it("stays inside its search range [e^-3, e^3] for labels no temperature explains", () => {
    // Every label is the class with the lowest logit: the flattest softmax fits best.
    const inverted = [Float64Array.of(5, 0, -5), Float64Array.of(-5, 5, 0)];
    const t = fitTemperature(inverted, [2, 0]);
    expect(t).toBeLessThanOrEqual(Math.exp(3));
    expect(t).toBeGreaterThan(Math.exp(3) * 0.99);
  });
});
