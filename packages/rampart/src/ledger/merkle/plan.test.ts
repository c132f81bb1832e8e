import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, equalHashes, leafHash } from "./hash.js";
import {
  appendNodes,
  consistencyPlan,
  inclusionPlan,
  nodeKeyId,
  type ProofPlan,
  planKeys,
  resolvePlan,
  rootOf,
  rootPlan,
} from "./plan.js";

const BIG = 2 ** 40;

/** ⌈log2 n⌉, in BigInt so that it is exact next to powers of two at any safe size. */
const ceilLog2 = (n: number): number => (n === 1 ? 0 : (BigInt(n) - 1n).toString(2).length);
const keyBound = (size: number): number => 2 * ceilLog2(size) + 2;
const leaves = (count: number): Uint8Array[] =>
  Array.from({ length: count }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));

describe("proof plans", () => {
  it("name complete aligned subtrees, the right edge as several", () => {
    expect(nodeKeyId({ level: 3, index: 5 })).toBe("3:5");
    expect(rootPlan(0)).toEqual([]);
    expect(rootPlan(BIG + 5)).toEqual([
      { level: 40, index: 0 },
      { level: 2, index: BIG / 4 },
      { level: 0, index: BIG + 4 },
    ]);
    expect(inclusionPlan(0, 1)).toEqual([]);
    expect(inclusionPlan(0, BIG)).toEqual(Array.from({ length: 40 }, (_, level) => [{ level, index: 1 }]));
    expect(inclusionPlan(0, 7)).toEqual([[{ level: 0, index: 1 }], [{ level: 1, index: 1 }], rootPlan(7).slice(1)]);
    expect(consistencyPlan(5, 5)).toEqual([]);
    expect(consistencyPlan(4, 8)).toEqual([[{ level: 2, index: 1 }]]);
    expect(consistencyPlan(3, 7)).toEqual([
      [{ level: 0, index: 2 }],
      [{ level: 0, index: 3 }],
      [{ level: 1, index: 0 }],
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
  });

  it("refuse sizes and indices that are negative, fractional or beyond 2^53 - 1", () => {
    for (const [index, size] of [
      [-1, 5],
      [5, 5],
      [0, 0],
      [0.5, 3],
      [0, 2 ** 53],
      [Number.NaN, 3],
    ] as const) {
      expect(() => inclusionPlan(index, size)).toThrow(RangeError);
    }
    for (const [oldSize, newSize] of [
      [0, 5],
      [6, 5],
      [1, 2 ** 53],
      [1.5, 3],
      [1, Number.POSITIVE_INFINITY],
    ]) {
      expect(() => consistencyPlan(oldSize!, newSize!)).toThrow(RangeError);
    }
    expect(() => rootPlan(-1)).toThrow(RangeError);
    expect(() => rootPlan(2 ** 53)).toThrow(RangeError);
  });

  it(`read at most 2·⌈log2 n⌉ + 2 distinct keys, for every proof up to 300 leaves`, () => {
    const over: string[] = [];
    const check = (plan: ProofPlan, size: number, what: string) => {
      if (planKeys(plan).length > keyBound(size)) over.push(what);
    };
    for (let size = 1; size <= 300; size++) {
      for (let m = 1; m <= size; m++) {
        check(inclusionPlan(m - 1, size), size, `inclusion ${m - 1}/${size}`);
        check(consistencyPlan(m, size), size, `consistency ${m}→${size}`);
      }
    }
    expect(over).toEqual([]);
  });

  for (const max of [BIG, Number.MAX_SAFE_INTEGER]) {
    it(`read at most 2·⌈log2 n⌉ + 2 distinct keys, for random proofs up to ${max} leaves`, () => {
      const sized = fc.integer({ min: 1, max }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));
      fc.assert(
        fc.property(sized, ([m, size]) => {
          expect(planKeys(inclusionPlan(m - 1, size)).length).toBeLessThanOrEqual(keyBound(size));
          expect(planKeys(consistencyPlan(m, size)).length).toBeLessThanOrEqual(keyBound(size));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it("resolve only when every key is there", () => {
    const hashes = new Map([["0:0", leafHash(Uint8Array.of(1))]]);
    expect(() => resolvePlan([[{ level: 0, index: 1 }]], hashes)).toThrow(/0:1/);
    expect(() => resolvePlan([[]], hashes)).toThrow(RangeError);
    expect(rootOf(0, new Map())).toEqual(EMPTY_ROOT);
    expect(rootOf(1, hashes)).toEqual(hashes.get("0:0"));
  });
});

describe("appendNodes", () => {
  it("gives the same nodes and roots whether leaves come one at a time or in batches on the frontier alone", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 10 }), (batches) => {
        const total = batches.reduce((sum, count) => sum + count, 0);
        const hashes = leaves(total);
        const single = new Map<string, Uint8Array>();
        hashes.forEach((hash, size) => {
          for (const node of appendNodes(size, single, [hash])) single.set(nodeKeyId(node.key), node.hash);
        });
        const batched = new Map<string, Uint8Array>();
        const misplaced: string[] = [];
        let size = 0;
        for (const count of batches) {
          const frontier = new Map(rootPlan(size).map((key) => [nodeKeyId(key), batched.get(nodeKeyId(key))!]));
          for (const { key, hash } of appendNodes(size, frontier, hashes.slice(size, size + count))) {
            // Safe insertion order: a node is new, and its children are stored before it.
            const child = (index: number) => nodeKeyId({ level: key.level - 1, index });
            const childrenStored =
              key.level === 0 || (batched.has(child(2 * key.index)) && batched.has(child(2 * key.index + 1)));
            if (batched.has(nodeKeyId(key)) || !childrenStored) misplaced.push(nodeKeyId(key));
            batched.set(nodeKeyId(key), hash);
          }
          size += count;
        }
        expect(misplaced).toEqual([]);
        // Compared by hand: toEqual on Maps of byte arrays is quadratic.
        const differ = [...single].filter(([id, hash]) => !equalHashes(hash, batched.get(id) ?? new Uint8Array()));
        expect(differ.map(([id]) => id)).toEqual([]);
        // A tree of n leaves has ⌊n / 2^l⌋ complete subtrees at level l, so nothing extra was written.
        let expected = 0;
        for (let width = 1; width <= total; width *= 2) expected += Math.floor(total / width);
        expect([batched.size, single.size]).toEqual([expected, expected]);
        expect(rootOf(total, batched)).toEqual(rootOf(total, single));
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a missing frontier node, a leaf hash that is not 32 bytes, and sizes past 2^53 - 1", () => {
    const [first, second] = leaves(2);
    expect(() => appendNodes(1, new Map(), [first!])).toThrow(/0:0/);
    expect(() => appendNodes(0, new Map(), [first!.subarray(1)])).toThrow(RangeError);
    expect(() => appendNodes(-1, new Map(), [])).toThrow(RangeError);
    const frontier = new Map(rootPlan(Number.MAX_SAFE_INTEGER - 1).map((key) => [nodeKeyId(key), first!]));
    expect(() => appendNodes(Number.MAX_SAFE_INTEGER - 1, frontier, [first!, second!])).toThrow(RangeError);
    expect(appendNodes(Number.MAX_SAFE_INTEGER - 1, frontier, [second!])).toHaveLength(1);
  });
});
