import { describe, expect, it } from "vitest";
import type { Signal } from "../core/signal.js";
import { decide } from "./combine.js";
import { resolvePolicy } from "./policy/policy.js";

function signal(category: Signal["category"], score: number): Signal {
  return { detector: "test", category, score, spans: [], reason: "test" };
}

describe("decide", () => {
  const policy = resolvePolicy();

  it("allows when there is no signal", () => {
    expect(decide([], policy)).toEqual({ action: "allow", risk: 0, categories: [] });
  });

  it("flags and blocks by the default thresholds", () => {
    expect(decide([signal("jailbreak", 0.6)], policy).action).toBe("flag");
    expect(decide([signal("jailbreak", 0.9)], policy).action).toBe("block");
  });

  it("combines weak signals of one category as independent evidence", () => {
    const verdict = decide([signal("jailbreak", 0.6), signal("jailbreak", 0.6)], policy);
    expect(verdict.risk).toBeCloseTo(0.84, 5);
    expect(verdict.action).toBe("block");
  });

  it("does not combine signals across categories", () => {
    const verdict = decide([signal("jailbreak", 0.6), signal("prompt-injection", 0.6)], policy);
    expect(verdict.action).toBe("flag");
    expect(verdict.categories).toEqual(["jailbreak", "prompt-injection"]);
  });

  it("uses a category's own rules over the defaults", () => {
    const lenient = resolvePolicy({ categories: { jailbreak: [{ threshold: 0.95, action: "flag" }] } });
    expect(decide([signal("jailbreak", 0.9)], lenient).action).toBe("allow");
    expect(decide([signal("prompt-injection", 0.9)], lenient).action).toBe("block");
  });

  it("lists categories strongest first and leaves out those that earned nothing", () => {
    const verdict = decide([signal("obfuscation", 0.3), signal("hate", 0.7), signal("jailbreak", 0.95)], policy);
    expect(verdict.categories).toEqual(["jailbreak", "hate"]);
  });
});
