import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newcombe, normalQuantile, significantlyHigher, wilson } from "./wilson.js";

const c = (successes: number, trials: number) => ({ successes, trials });

describe("wilson", () => {
  it("matches known 95% intervals", () => {
    const none = wilson(0, 10);
    expect(none.rate).toBe(0);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const half = wilson(5, 10);
    expect(half.rate).toBe(0.5);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const all = wilson(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    const one = wilson(1, 10);
    expect(one.low).toBeCloseTo(0.0179, 4);
    expect(one.high).toBeCloseTo(0.4042, 4);
  });

  it("knows nothing without trials", () => {
    expect(wilson(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });

  it("narrows with a wider z and more trials as expected", () => {
    const at95 = wilson(30, 100);
    const at99 = wilson(30, 100, 2.575829);
    expect(at99.low).toBeLessThan(at95.low);
    expect(at99.high).toBeGreaterThan(at95.high);
    const more = wilson(300, 1000);
    expect(more.high - more.low).toBeLessThan(at95.high - at95.low);
  });

  it("rejects impossible counts", () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
    expect(() => wilson(0.5, 2)).toThrow(RangeError);
  });

  it("keeps low <= rate <= high inside [0, 1]", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 100_000 })
          .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials))),
        ([successes, trials]) => {
          const { rate, low, high } = wilson(successes, trials);
          expect(0).toBeLessThanOrEqual(low);
          expect(low).toBeLessThanOrEqual(rate);
          expect(rate).toBeLessThanOrEqual(high);
          expect(high).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("newcombe", () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score, no CC).
  it.each([
    [c(48, 80), c(56, 70), 0.0524, 0.3339],
    [c(3, 10), c(9, 10), 0.1705, 0.809],
    [c(2, 7), c(6, 7), 0.0582, 0.8062],
    [c(0, 29), c(5, 56), -0.0381, 0.1926],
    [c(0, 20), c(0, 10), -0.1611, 0.2775],
    [c(0, 10), c(0, 10), -0.2775, 0.2775],
  ])("%o → %o matches the published interval", (first, second, low, high) => {
    const difference = newcombe(first, second);
    expect(difference.delta).toBeCloseTo(second.successes / second.trials - first.successes / first.trials, 12);
    expect(difference.low).toBeCloseTo(low, 3);
    expect(difference.high).toBeCloseTo(high, 3);
  });

  it("flags a clear increase and not noise or an empty sample", () => {
    expect(significantlyHigher(c(0, 50), c(20, 50))).toBe(true);
    expect(significantlyHigher(c(10, 40), c(13, 40))).toBe(false);
    expect(significantlyHigher(c(20, 50), c(0, 50))).toBe(false);
    expect(significantlyHigher(c(0, 0), c(10, 10))).toBe(false);
  });

  it("contains the point estimate and stays inside [-1, 1]", () => {
    const counts = fc
      .integer({ min: 0, max: 500 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(counts, counts, ([x1, n1], [x2, n2]) => {
        const { delta, low, high } = newcombe(c(x1, n1), c(x2, n2));
        expect(-1).toBeLessThanOrEqual(low);
        expect(low).toBeLessThanOrEqual(delta + 1e-12);
        expect(delta).toBeLessThanOrEqual(high + 1e-12);
        expect(high).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("normalQuantile", () => {
  it("matches tabulated quantiles", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalQuantile(1 - 0.025 / 30)).toBeCloseTo(3.144, 3);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
