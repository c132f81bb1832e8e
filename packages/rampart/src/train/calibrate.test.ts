import { describe, expect, it } from "vitest";
import { choosePoints, fitTemperature, type ScoredPrompt, THRESHOLD_GRID } from "./calibrate.js";

/** Mulberry32: a small seeded generator, so every draw below is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rows of logits from a known 3-class softmax model and labels drawn from it, so `z` is calibrated
 * by construction: softmax(z) is the true distribution of each label.
 */
function calibratedSample(n: number, seed: number): { logits: Float64Array[]; labels: number[] } {
  const random = seeded(seed);
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

describe("choosePoints", () => {
  const benign = (p: [number, number, number], borderline = false): ScoredPrompt => ({
    probabilities: p,
    attackClass: -1,
    borderline,
  });
  const attack = (attackClass: number, p: [number, number, number]): ScoredPrompt => ({
    probabilities: p,
    attackClass,
    borderline: false,
  });

  it("holds each class to its own point: a class benign prompts look like gets a stricter one", () => {
    // Benign prompts reach 0.9 in P(jailbreak) but never above 0.3 in P(injection).
    const benigns = Array.from({ length: 100 }, (_, i) => benign([0.9 - i * 0.005, 0.1, 0.1]));
    const prompts = [
      ...benigns,
      attack(0, [0.97, 0.01, 0.01]),
      attack(0, [0.96, 0.01, 0.01]),
      attack(1, [0.1, 0.45, 0.1]),
      attack(2, [0.1, 0.1, 0.99]),
    ];
    const points = choosePoints(prompts, { benignRate: 0, borderlineRate: Number.POSITIVE_INFINITY })!;
    expect(points[0]).toBeGreaterThan(0.9);
    expect(points[0]).toBeLessThanOrEqual(0.96);
    // Every candidate up to 0.45 catches the injection and passes no benign prompt: the first wins.
    expect(points[1]).toBe(0.3);
    expect(points[2]).toBeLessThanOrEqual(0.99);
    const caught = (p: ScoredPrompt) => p.probabilities.some((value, c) => value >= points[c]!);
    expect(prompts.filter((p) => p.attackClass < 0).filter(caught)).toHaveLength(0);
    expect(prompts.filter((p) => p.attackClass >= 0).every(caught)).toBe(true);
  });

  it("respects the borderline limit separately, and says null when nothing fits", () => {
    const prompts = [benign([0.1, 0.1, 0.1]), benign([0.1, 0.1, 0.96], true), attack(2, [0.1, 0.1, 0.96])];
    const loose = choosePoints(prompts, { benignRate: 0, borderlineRate: 1 })!;
    expect(loose[2]).toBeLessThanOrEqual(0.96);
    const strict = choosePoints(prompts, { benignRate: 0, borderlineRate: 0 })!;
    expect(strict[2]).toBeGreaterThan(0.96);
    const hopeless = [benign([1, 1, 1]), attack(0, [1, 0, 0])];
    expect(choosePoints(hopeless, { benignRate: 0, borderlineRate: 1 })).toBeNull();
    expect(THRESHOLD_GRID).toEqual([...THRESHOLD_GRID].sort((a, b) => a - b));
  });
});
