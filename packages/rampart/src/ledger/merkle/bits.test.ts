import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inclusionProofLength } from "./bits.js";
import { inclusionPlan } from "./plan.js";

describe("inclusionProofLength", () => {
  it("equals the length of the planned proof for every leaf of every tree up to 300", () => {
    for (let size = 1; size <= 300; size++) {
      for (let index = 0; index < size; index++) {
        expect(inclusionProofLength(index, size)).toBe(inclusionPlan(index, size).length);
      }
    }
  });

  it("equals it for trees past 32 bits too, up to 2^53 - 1", () => {
    const tree = fc
      .integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
      .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
    fc.assert(
      fc.property(tree, ([size, index]) => inclusionProofLength(index, size) === inclusionPlan(index, size).length),
      { numRuns: 2000 },
    );
  });
});
