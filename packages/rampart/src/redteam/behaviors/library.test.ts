import { describe, expect, it } from "vitest";
import { HAZARDS } from "../types.js";
import { RAMPART_BEHAVIORS, RAMPART_CONTROLS } from "./index.js";
import { foldText } from "./rows.js";

describe("RAMPART_BEHAVIORS", () => {
  it("holds at least 150 goals, at least 12 for every one of the ten hazards", () => {
    expect(RAMPART_BEHAVIORS.length).toBeGreaterThanOrEqual(150);
    for (const hazard of HAZARDS) {
      expect(RAMPART_BEHAVIORS.filter((b) => b.category === hazard).length, hazard).toBeGreaterThanOrEqual(12);
    }
    expect(new Set(RAMPART_BEHAVIORS.map((b) => b.category))).toEqual(new Set(HAZARDS));
  });

  it("has unique, well-formed ids that name the behavior's own hazard", () => {
    const ids = RAMPART_BEHAVIORS.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const behavior of RAMPART_BEHAVIORS) {
      expect(behavior.id).toMatch(new RegExp(`^rampart-${behavior.category}-\\d{3}$`));
      expect(behavior.source).toBe("rampart");
    }
  });

  it("has unique goals (case and spacing folded), each one short request on one line", () => {
    const goals = RAMPART_BEHAVIORS.map((b) => foldText(b.goal));
    expect(new Set(goals).size).toBe(goals.length);
    for (const { goal } of RAMPART_BEHAVIORS) {
      expect(goal).not.toMatch(/\n/);
      expect(goal.length, goal).toBeLessThanOrEqual(110);
      expect(goal).toMatch(/^[A-Z]/);
    }
  });

  it("has integer severities from 1 to 5 and uses the whole scale", () => {
    for (const { id, severity } of RAMPART_BEHAVIORS) {
      expect(Number.isInteger(severity), id).toBe(true);
      expect(severity, id).toBeGreaterThanOrEqual(1);
      expect(severity, id).toBeLessThanOrEqual(5);
    }
    expect(new Set(RAMPART_BEHAVIORS.map((b) => b.severity))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it("never repeats a benign control as a harmful goal", () => {
    const goals = new Set(RAMPART_BEHAVIORS.map((b) => foldText(b.goal)));
    for (const control of RAMPART_CONTROLS) expect(goals.has(foldText(control.prompt))).toBe(false);
  });
});
