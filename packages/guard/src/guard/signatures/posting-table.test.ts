import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PostingTable } from "./posting-table.js";

function valuesOf(table: PostingTable, key: number): number[] {
  const group = table.group(key);
  if (group < 0) return [];
  return Array.from(table.values.subarray(table.starts[group]!, table.starts[group + 1]!));
}

describe("PostingTable", () => {
  it("returns every value of a key, in input order, like a Map of lists", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer()), { maxLength: 200 }), (pairs) => {
        const table = PostingTable.build(
          Int32Array.from(pairs, ([k]) => k),
          Int32Array.from(pairs, ([, v]) => v),
        );
        const expected = new Map<number, number[]>();
        for (const [key, value] of pairs) expected.set(key, [...(expected.get(key) ?? []), value]);
        for (let key = -9; key <= 9; key++) expect(valuesOf(table, key)).toEqual(expected.get(key) ?? []);
      }),
    );
  });

  it("finds keys that collide on their low bits", () => {
    const keys = Int32Array.from([0, 1 << 20, 2 << 20, -(1 << 20), 0]);
    const table = PostingTable.build(keys, Int32Array.from([10, 11, 12, 13, 14]));
    expect(valuesOf(table, 0)).toEqual([10, 14]);
    expect(valuesOf(table, 2 << 20)).toEqual([12]);
    expect(valuesOf(table, -(1 << 20))).toEqual([13]);
    expect(table.group(3 << 20)).toBe(-1);
  });

  it("answers every lookup on an empty table with -1", () => {
    expect(PostingTable.build(new Int32Array(0), new Int32Array(0)).group(42)).toBe(-1);
  });
});
