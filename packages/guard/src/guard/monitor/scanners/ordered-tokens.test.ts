import { describe, expect, it } from "vitest";
import { OrderedTokens } from "./ordered-tokens.js";

function lis(indices: readonly number[], total = 10): number {
  const ordered = new OrderedTokens(total);
  for (const index of indices) ordered.add(index);
  return ordered.length;
}

describe("OrderedTokens", () => {
  it("counts the longest run of indices in increasing order", () => {
    expect(lis([])).toBe(0);
    expect(lis([0, 1, 2, 3])).toBe(4);
    expect(lis([3, 2, 1, 0])).toBe(1);
    expect(lis([0, 5, 1, 2, 9, 3, 4])).toBe(5);
  });

  it("counts an index's first appearance only", () => {
    expect(lis([0, 0, 0, 1, 1])).toBe(2);
    expect(lis([2, 0, 1, 2])).toBe(2);
  });
});
