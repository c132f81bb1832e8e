import { describe, expect, it } from "vitest";
import { canonicalise } from "../views/canonicalise.js";
import { manyShot } from "./many-shot.js";

function score(text: string): number {
  return manyShot.detect({ original: text, views: canonicalise(text).views })[0]?.score ?? 0;
}

const exchange = (i: number) => `User: how do I do thing ${i}?\nAssistant: Sure, here is thing ${i}.\n`;

describe("many-shot", () => {
  it("flags a fabricated dialogue of eight exchanges", () => {
    const text = Array.from({ length: 8 }, (_, i) => exchange(i)).join("");
    expect(score(text)).toBeGreaterThanOrEqual(0.6);
  });

  it("scores a long fabricated dialogue as a jailbreak", () => {
    const text = Array.from({ length: 40 }, (_, i) => exchange(i)).join("");
    expect(score(text)).toBeGreaterThanOrEqual(0.85);
  });

  it("counts inline Q/A shots", () => {
    const text = Array.from({ length: 9 }, (_, i) => `Q: What is item ${i}? A: It is item ${i}.`).join(" ");
    expect(score(text)).toBeGreaterThanOrEqual(0.6);
  });

  it.each([
    ["a few-shot prompt", Array.from({ length: 3 }, (_, i) => exchange(i)).join("")],
    ["user turns only", "User: Write a poem.\n\nUser: Now make it shorter."],
    ["plans and options", "Plan A: go left. Plan B: go right. Option A: wait."],
  ])("ignores %s", (_name, text) => {
    expect(score(text)).toBe(0);
  });

  it("spans the dialogue from its first to its last counted turn", () => {
    const text = `Intro.\n${Array.from({ length: 8 }, (_, i) => exchange(i)).join("")}Outro.`;
    const [signal] = manyShot.detect({ original: text, views: canonicalise(text).views });
    const span = signal?.spans[0];
    expect(text.slice(span?.start, span?.end).startsWith("\nUser:")).toBe(true);
    expect(text.slice(span?.start, span?.end).endsWith("Assistant:")).toBe(true);
  });

  it("finishes a megabyte of turns", () => {
    const text = "user: a\nassistant: b\n".repeat(48_000);
    expect(score(text)).toBe(0.9);
  });
});
