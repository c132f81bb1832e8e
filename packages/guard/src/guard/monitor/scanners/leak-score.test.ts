import { describe, expect, it } from "vitest";
import { type LeakEvidence, leakScore } from "./leak-score.js";

const none: LeakEvidence = { shingles: 0, shinglesTotal: 200, run: 0, ordered: 0, orderedTotal: 20 };

describe("leakScore", () => {
  it("rises with the share of the prompt's shingles reproduced", () => {
    expect(leakScore({ ...none, shingles: 10 })).toBe(0);
    expect(leakScore({ ...none, shingles: 20 })).toBe(0.5);
    expect(leakScore({ ...none, shingles: 80 })).toBe(0.8);
    expect(leakScore({ ...none, shingles: 200 })).toBe(1);
  });

  it("rises with the longest run of reproduced words", () => {
    expect(leakScore({ ...none, run: 11 })).toBe(0);
    expect(leakScore({ ...none, run: 12 })).toBe(0.5);
    expect(leakScore({ ...none, run: 25 })).toBe(0.8);
    expect(leakScore({ ...none, run: 75 })).toBe(1);
  });

  it("needs five reproduced shingles whatever the share: a short prompt shares phrases with any answer", () => {
    expect(leakScore({ ...none, shingles: 4, shinglesTotal: 6 })).toBe(0);
    expect(leakScore({ ...none, shingles: 5, shinglesTotal: 6 })).toBeGreaterThan(0.8);
  });

  it("counts distinctive tokens in order as a translated leak, halting only on eight or more", () => {
    expect(leakScore({ ...none, ordered: 4, orderedTotal: 5 })).toBe(0);
    expect(leakScore({ ...none, ordered: 5, orderedTotal: 20 })).toBe(0.5);
    expect(leakScore({ ...none, ordered: 6, orderedTotal: 8 })).toBe(0.75);
    expect(leakScore({ ...none, ordered: 8, orderedTotal: 20 })).toBe(0.8);
    expect(leakScore({ ...none, ordered: 16, orderedTotal: 20 })).toBe(0.95);
    expect(leakScore({ ...none, ordered: 5, orderedTotal: 40 })).toBe(0);
  });
});
