import { describe, expect, it } from "vitest";
import { expectedCalibrationError, rocAuc, type Scored, tprAtFpr } from "./evaluate.js";
import { mulberry32 } from "./seeded-random.js";

/** The definition, pair by pair: P(positive outscores negative) + ½ P(tie). */
function pairwiseAuc(positives: readonly number[], negatives: readonly number[]): number {
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

describe("rocAuc", () => {
  it("is 1 when every positive outscores every negative, and 0 when every negative does", () => {
    expect(rocAuc([0.9, 0.8, 0.7], [0.1, 0.2, 0.3, 0.65])).toBe(1);
    expect(rocAuc([0.1, 0.2], [0.9, 0.8, 0.7])).toBe(0);
  });

  it("is 0.5 when the two sides score alike", () => {
    expect(rocAuc([0.5, 0.5, 0.5], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0.1, 0.4, 0.7], [0.1, 0.4, 0.7])).toBe(0.5);
  });

  it("counts ties as half a win (hand-computed)", () => {
    // Pairs: 0.8 beats 0.5 and 0.2 (2); each 0.5 ties 0.5 (½ + ½) and beats 0.2 (2): 5 of 6.
    expect(rocAuc([0.8, 0.5, 0.5], [0.5, 0.2])).toBeCloseTo(5 / 6, 12);
    // 0.3 loses to 0.4, ties 0.3, beats 0.1: 1.5 of 3.
    expect(rocAuc([0.3], [0.4, 0.3, 0.1])).toBeCloseTo(0.5, 12);
    // 0.4 beats 0.3 and 0.1, ties 0.4: 2.5 of 3.
    expect(rocAuc([0.4], [0.4, 0.3, 0.1])).toBeCloseTo(2.5 / 3, 12);
  });

  it("is undefined (null) without positives or without negatives", () => {
    expect(rocAuc([], [0.1])).toBeNull();
    expect(rocAuc([0.1], [])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
  });

  it("agrees with the pairwise definition on random scores with many ties", () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 100; trial++) {
      const draw = (n: number, shift: number) =>
        Array.from({ length: n }, () => Math.round((random() + shift) * 8) / 8);
      const positives = draw(1 + Math.floor(random() * 40), 0.2);
      const negatives = draw(1 + Math.floor(random() * 40), 0);
      expect(rocAuc(positives, negatives)).toBeCloseTo(pairwiseAuc(positives, negatives), 10);
    }
  });

  it("does not depend on the order of the scores", () => {
    const positives = [0.3, 0.9, 0.1, 0.5];
    const negatives = [0.2, 0.5, 0.05];
    const forward = rocAuc(positives, negatives);
    expect(rocAuc([...positives].reverse(), [...negatives].reverse())).toBe(forward);
    expect(forward).toBeCloseTo(pairwiseAuc(positives, negatives), 12);
  });
});

describe("tprAtFpr", () => {
  const negatives = Array.from({ length: 100 }, (_, i) => i / 100);

  it("counts the positives above the threshold that passes at most the given share of negatives", () => {
    // 1% of 100 negatives may pass: only 0.99 does, so the threshold sits strictly above 0.98.
    expect(tprAtFpr([0.985, 0.99, 0.5, 0.98], negatives, 0.01)).toBe(0.5);
    expect(tprAtFpr([0.96, 0.95, 0.94], negatives, 0.05)).toBeCloseTo(2 / 3, 12);
  });

  it("keeps ties with the first negative kept out, and is null with nothing to count", () => {
    expect(tprAtFpr([0.98], negatives, 0.01)).toBe(0);
    expect(tprAtFpr([], negatives, 0.01)).toBeNull();
    expect(tprAtFpr([0.5], [], 0.01)).toBeNull();
  });
});

describe("expectedCalibrationError", () => {
  const scored = (attack: number, isAttack: boolean) =>
    ({ attack, blocked: false, example: { label: isAttack ? "harmful" : "benign" } }) as unknown as Scored;

  it("is 0 when each bin's mean probability is its share of attacks", () => {
    const rows = [scored(0.25, true), scored(0.25, false), scored(0.25, false), scored(0.25, false)];
    expect(expectedCalibrationError(rows)).toBeCloseTo(0, 12);
  });

  it("weighs each bin's gap by its share of the prompts", () => {
    // Bin 0.9: said 0.9, 0 of 2 are attacks (gap 0.9, half the rows); bin 0.0: said 0, 0 attacks.
    const rows = [scored(0.9, false), scored(0.9, false), scored(0, false), scored(0, false)];
    expect(expectedCalibrationError(rows)).toBeCloseTo(0.45, 12);
    expect(expectedCalibrationError([])).toBeNull();
  });
});
