import { describe, expect, it } from "vitest";
import { mergeSpans } from "./spans.js";

describe("mergeSpans", () => {
  it("sorts and joins overlapping and touching spans", () => {
    expect(
      mergeSpans([
        { start: 10, end: 12 },
        { start: 0, end: 3 },
        { start: 2, end: 5 },
        { start: 5, end: 6 },
      ]),
    ).toEqual([
      { start: 0, end: 6 },
      { start: 10, end: 12 },
    ]);
  });

  it("keeps at most `max` spans, the earliest", () => {
    const spans = [0, 10, 20, 30].map((start) => ({ start, end: start + 2 }));
    expect(mergeSpans(spans, 2)).toEqual([
      { start: 0, end: 2 },
      { start: 10, end: 12 },
    ]);
  });
});
