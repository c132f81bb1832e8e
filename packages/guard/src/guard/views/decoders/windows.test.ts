import { describe, expect, it } from "vitest";
import { windows } from "./windows.js";

describe("windows", () => {
  it("pads hits with context, widened to word boundaries", () => {
    const text = `${"word ".repeat(30)}HIT${" word".repeat(30)}`;
    const [window] = windows(text, [[150, 153]]);
    expect(window).toBeDefined();
    const [from, to] = window ?? [0, 0];
    expect(text.slice(from, to)).toMatch(/^word .*HIT.* word$/);
    expect(to - from).toBeLessThan(120);
  });

  it("merges hits whose windows touch", () => {
    expect(
      windows("x".repeat(400), [
        [10, 13],
        [60, 63],
        [300, 303],
      ]),
    ).toHaveLength(2);
  });

  it("stays inside the text", () => {
    expect(windows("ab", [[0, 2]])).toEqual([[0, 2]]);
  });
});
