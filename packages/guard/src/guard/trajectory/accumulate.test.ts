import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advance, MAX_RECENT, NEW_TRAJECTORY, type Trajectory } from "./accumulate.js";

const settings = { decay: 0.5, threshold: 1 };

function run(risks: readonly number[], using = settings): Trajectory {
  return risks.reduce((state, risk) => advance(state, risk, using), NEW_TRAJECTORY);
}

describe("advance", () => {
  it("keeps decay × the previous total and adds the turn's risk", () => {
    const first = advance(NEW_TRAJECTORY, 0.4, settings);
    expect(first).toMatchObject({ turns: 1, total: 0.4, crossing: null });
    const second = advance(first, 0.3, settings);
    expect(second.total).toBeCloseTo(0.5 * 0.4 + 0.3, 12);
    const third = advance(second, 0, settings);
    expect(third.total).toBeCloseTo(0.5 * 0.5, 12);
    expect(third.turns).toBe(3);
  });

  it("crosses at the first turn whose total reaches the threshold, naming the turns behind it", () => {
    // 0.6 → 0.3 + 0.5 = 0.8 → 0.4 + 0.7 = 1.1
    const state = run([0.6, 0.5, 0.7]);
    expect(state.crossing).not.toBeNull();
    expect(state.crossing!.turn).toBe(2);
    expect(state.crossing!.total).toBeCloseTo(1.1, 12);
    expect(state.crossing!.contributors).toEqual([
      { turn: 0, risk: 0.6 },
      { turn: 1, risk: 0.5 },
      { turn: 2, risk: 0.7 },
    ]);
    expect(run([0.6, 0.5]).crossing).toBeNull();
  });

  it("keeps the first crossing while the total decays after it", () => {
    const state = run([0.6, 0.5, 0.7, 0, 0, 0]);
    expect(state.crossing!.turn).toBe(2);
    expect(state.total).toBeLessThan(settings.threshold);
  });

  it("leaves out of the reason a turn whose decayed risk is a negligible share of the total", () => {
    const state = run([0.1, 0, 0, 0, 0, 0.6, 0.8]);
    expect(state.crossing!.contributors.map((c) => c.turn)).toEqual([5, 6]);
  });

  it("remembers at most MAX_RECENT turns, however long the conversation", () => {
    const state = run(Array.from({ length: 5000 }, () => 0.2));
    expect(state.turns).toBe(5000);
    expect(state.recent).toHaveLength(MAX_RECENT);
    expect(state.recent.at(-1)!.turn).toBe(4999);
    expect(state.total).toBeCloseTo(0.2 / (1 - settings.decay), 9);
  });

  it("never lets a turn under threshold × (1 − decay) be the one that crosses", () => {
    const risk = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(risk, { maxLength: 40 }), fc.double({ min: 0, max: 0.95, noNaN: true }), (risks, decay) => {
        const using = { decay, threshold: 1 };
        const crossing = run(risks, using).crossing;
        if (crossing !== null) expect(risks[crossing.turn]!).toBeGreaterThan(using.threshold * (1 - decay) - 1e-12);
      }),
    );
  });
});
