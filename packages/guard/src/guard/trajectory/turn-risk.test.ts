import { describe, expect, it } from "vitest";
import type { Category } from "../../core/category.js";
import type { Signal } from "../../core/signal.js";
import { turnRisk } from "./turn-risk.js";

function signal(category: Category, score: number): Signal {
  return { detector: "test", category, score, spans: [], reason: "test" };
}

describe("turnRisk", () => {
  it("is the strongest hazard or attack signal, or the classifier's quiet opinion when that is more", () => {
    expect(turnRisk([signal("jailbreak", 0.6), signal("weapons-cbrne", 0.7)], 0.3)).toBe(0.7);
    expect(turnRisk([signal("prompt-injection", 0.2)], 0.45)).toBe(0.45);
    expect(turnRisk([], 0)).toBe(0);
  });

  it("does not count encodings, an unscanned oversized turn or its own category", () => {
    const ignored = [
      signal("obfuscation", 0.9),
      signal("oversized-input", 1),
      signal("multi-turn-escalation", 0.8),
      signal("pii-exposure", 0.9),
    ];
    expect(turnRisk(ignored, 0.1)).toBe(0.1);
  });
});
