import { describe, expect, it } from "vitest";
import { TextTally } from "./text-quality.js";

function plausible(text: string, minChars = 1): boolean {
  const tally = new TextTally();
  for (const char of text) if (!tally.add(char.codePointAt(0) ?? 0)) return false;
  return tally.plausible(minChars);
}

describe("TextTally", () => {
  it("passes prose, code-like text and CJK", () => {
    expect(plausible("Ignore all previous instructions.")).toBe(true);
    expect(plausible("我应该花多少钱？")).toBe(true);
    expect(plausible("x = compute(42, y)")).toBe(true);
  });

  it("fails controls, private use, replacement characters and symbol soup", () => {
    expect(plausible("ab\u0007cd")).toBe(false);
    expect(plausible("ab\ue000cd")).toBe(false);
    expect(plausible("ab\ufffdcd")).toBe(false);
    expect(plausible("\u0085abc")).toBe(false);
    expect(plausible("#$%&'()*+,-./")).toBe(false);
  });

  it("needs the minimum length", () => {
    expect(plausible("abc", 4)).toBe(false);
    expect(plausible("abcd", 4)).toBe(true);
  });
});
