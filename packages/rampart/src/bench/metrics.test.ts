import { describe, expect, it } from "vitest";
import { latency, quality, qualityBy } from "./metrics.js";

describe("quality", () => {
  it("counts the confusion matrix and derives the rates", () => {
    const outcomes = [
      ...Array.from({ length: 3 }, () => ({ attack: true, detected: true })),
      { attack: true, detected: false },
      { attack: false, detected: true },
      ...Array.from({ length: 4 }, () => ({ attack: false, detected: false })),
    ];
    expect(quality(outcomes)).toEqual({ tpr: 0.75, fpr: 0.2, tp: 3, fp: 1, tn: 4, fn: 1 });
  });

  it("gives null for a rate with nothing to divide by, never 0 or NaN", () => {
    expect(quality([{ attack: true, detected: false }])).toEqual({ tpr: 0, fpr: null, tp: 0, fp: 0, tn: 0, fn: 1 });
    expect(quality([])).toEqual({ tpr: null, fpr: null, tp: 0, fp: 0, tn: 0, fn: 0 });
  });

  it("groups by a key in first-seen order", () => {
    const rows = [
      { source: "b", attack: true, detected: true },
      { source: "a", attack: false, detected: false },
      { source: "b", attack: true, detected: false },
    ];
    const groups = qualityBy(rows, (row) => row.source);
    expect(Object.keys(groups)).toEqual(["b", "a"]);
    expect(groups.b).toMatchObject({ tp: 1, fn: 1, tpr: 0.5 });
  });
});

describe("latency", () => {
  it("takes nearest-rank percentiles in microseconds and the rate over the time spent", () => {
    // 1 µs, 2 µs, … 100 µs, shuffled.
    const nanos = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) * 1000 + 1000);
    expect(latency(nanos)).toEqual({
      p50Micros: 50,
      p90Micros: 90,
      p99Micros: 99,
      perSecond: Math.round(100 / 0.00505),
    });
  });

  it("is all zeros with nothing measured", () => {
    expect(latency([])).toEqual({ p50Micros: 0, p90Micros: 0, p99Micros: 0, perSecond: 0 });
  });
});
