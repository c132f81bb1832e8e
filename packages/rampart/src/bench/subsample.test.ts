import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { subsample } from "./subsample.js";

const rowsArb = fc.uniqueArray(
  fc.record({ id: fc.integer({ min: 0, max: 10_000 }), source: fc.constantFrom("a", "b", "c") }),
  {
    selector: (row) => `${row.source}/${row.id}`,
    maxLength: 60,
  },
);

describe("subsample", () => {
  it("keeps at most N rows per source, all of a smaller source, indices in order", () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 10 }), (rows, perSource) => {
        const chosen = subsample(rows, perSource);
        expect(chosen).toEqual([...chosen].sort((a, b) => a - b));
        for (const source of ["a", "b", "c"]) {
          const available = rows.filter((r) => r.source === source).length;
          expect(chosen.filter((i) => rows[i]!.source === source)).toHaveLength(Math.min(available, perSource));
        }
      }),
    );
  });

  it("chooses by id, not by position: shuffling the rows chooses the same ones", () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 10 }), (rows, perSource) => {
        const key = (r: { id: number; source: string }) => `${r.source}/${r.id}`;
        const reversed = [...rows].reverse();
        const pick = (list: typeof rows) => new Set(subsample(list, perSource).map((i) => key(list[i]!)));
        expect(pick(reversed)).toEqual(pick(rows));
      }),
    );
  });
});
