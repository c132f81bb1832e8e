import { describe, expect, it } from "vitest";
import { toOriginalSpan, type View } from "./view.js";

function view(text: string, starts: number[], ends: number[]): View {
  return { name: "test", text, starts: Int32Array.from(starts), ends: Int32Array.from(ends), depth: 0 };
}

describe("toOriginalSpan", () => {
  it("maps a match through the view's offsets", () => {
    const v = view("abc", [0, 2, 6], [2, 6, 7]);
    expect(toOriginalSpan(v, 1, 3)).toEqual({ start: 2, end: 7 });
  });

  it("covers the whole stretch of a view that runs backwards (reversed text)", () => {
    const v = view("cba", [2, 1, 0], [3, 2, 1]);
    expect(toOriginalSpan(v, 0, 3)).toEqual({ start: 0, end: 3 });
  });

  it("clamps out-of-range and empty matches instead of failing", () => {
    const v = view("ab", [4, 5], [5, 6]);
    expect(toOriginalSpan(v, 5, 9)).toEqual({ start: 5, end: 6 });
    expect(toOriginalSpan(v, 1, 1)).toEqual({ start: 5, end: 6 });
    expect(toOriginalSpan(view("", [], []), 0, 0)).toEqual({ start: 0, end: 0 });
  });
});
