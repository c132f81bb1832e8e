import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../policy/policy.js";
import type { Crossing } from "./accumulate.js";
import { TRAJECTORY_ID, trajectorySignal } from "./signal.js";

const crossing: Crossing = {
  turn: 3,
  total: 1.23456,
  contributors: [
    { turn: 1, risk: 0.4 },
    { turn: 2, risk: 0.45 },
    { turn: 3, risk: 0.7 },
  ],
};
const settings = DEFAULT_POLICY.trajectory;

describe("trajectorySignal", () => {
  it("scores at the policy's block threshold, so the verdict blocks", () => {
    const signal = trajectorySignal(crossing, settings, DEFAULT_POLICY.defaultRules, () => undefined);
    expect(signal).toMatchObject({ detector: TRAJECTORY_ID, category: "multi-turn-escalation", score: 0.8 });
  });

  it("scores at the flag threshold when the settings ask only for a flag", () => {
    const flagOnly = { ...settings, action: "flag" as const };
    expect(trajectorySignal(crossing, flagOnly, DEFAULT_POLICY.defaultRules, () => undefined).score).toBe(0.5);
    expect(trajectorySignal(crossing, settings, [{ threshold: 0.3, action: "flag" }], () => undefined).score).toBe(1);
  });

  it("names every contributing turn with its risk, the total and the threshold", () => {
    const { reason } = trajectorySignal(crossing, settings, DEFAULT_POLICY.defaultRules, () => undefined);
    expect(reason).toContain(`conversation risk 1.23 ≥ threshold ${settings.threshold} at turn 4`);
    expect(reason).toContain("turn 2 0.40, turn 3 0.45, turn 4 0.70");
    expect(reason).toContain(`decay ${settings.decay}`);
  });

  it("spans the contributing turns that are in this request", () => {
    const inRequest = (turn: number) => (turn >= 2 ? { start: 0, end: 10 + turn, message: turn * 2 } : undefined);
    const { spans } = trajectorySignal(crossing, settings, DEFAULT_POLICY.defaultRules, inRequest);
    expect(spans).toEqual([
      { start: 0, end: 12, message: 4 },
      { start: 0, end: 13, message: 6 },
    ]);
  });
});
