import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalHashes } from "./hash.js";
import { MemoryTree } from "./memory-tree.js";
import { consistencyPlan, inclusionPlan, type NodeKey, type PlanElement } from "./plan.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

// The reference lives in this test file because packages/rampart/tsconfig.json only keeps *.test.ts out of the build.
// It is RFC 9162 §2.1 written as recursion over ranges [start, end) of one leaf list; `mth` gives MTH of a range.
type Mth<T> = (start: number, end: number) => T;

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** PATH(m, D[start:end]), RFC 9162 §2.1.3.1. */
function referencePath<T>(m: number, start: number, end: number, mth: Mth<T>): T[] {
  if (end - start === 1) return [];
  const k = largestPowerOfTwoBelow(end - start);
  if (m < k) return [...referencePath(m, start, start + k, mth), mth(start + k, end)];
  return [...referencePath(m - k, start + k, end, mth), mth(start, start + k)];
}

/** SUBPROOF(m, D[start:end], b), RFC 9162 §2.1.4.1; PROOF(m, D[n]) is referenceSubproof(m, 0, n, true). */
function referenceSubproof<T>(m: number, start: number, end: number, b: boolean, mth: Mth<T>): T[] {
  if (m === end - start) return b ? [] : [mth(start, end)];
  const k = largestPowerOfTwoBelow(end - start);
  if (m <= k) return [...referenceSubproof(m, start, start + k, b, mth), mth(start + k, end)];
  return [...referenceSubproof(m - k, start + k, end, false, mth), mth(start, start + k)];
}

/** MTH over a leaf list, memoised because the exhaustive checks below ask for the same ranges again and again. */
function referenceRoot(entries: readonly Uint8Array[]): Mth<Uint8Array> {
  const sha256 = (...parts: Uint8Array[]): Uint8Array => {
    const hash = createHash("sha256");
    for (const part of parts) hash.update(part);
    return new Uint8Array(hash.digest());
  };
  const memo = new Map<string, Uint8Array>();
  const mth: Mth<Uint8Array> = (start, end) => {
    const id = `${start}:${end}`;
    let hash = memo.get(id);
    if (hash === undefined) {
      const n = end - start;
      const k = largestPowerOfTwoBelow(n);
      if (n === 0) hash = sha256();
      else if (n === 1) hash = sha256(Uint8Array.of(0), entries[start]!);
      else hash = sha256(Uint8Array.of(1), mth(start, start + k), mth(start + k, end));
      memo.set(id, hash);
    }
    return hash;
  };
  return mth;
}

const SIZE = 300;
const entries = Array.from({ length: SIZE }, (_, i) => new TextEncoder().encode(`entry ${i}`));
const mth = referenceRoot(entries);
const tree = new MemoryTree();
tree.appendAll(entries);

const sameHashes = (a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean =>
  a.length === b.length && a.every((hash, i) => equalHashes(hash, b[i]!));

describe("MemoryTree against the RFC's recursive definitions", () => {
  it("has the reference root at every size up to 300", () => {
    const wrong = Array.from({ length: SIZE + 1 }, (_, size) => size).filter(
      (size) => !equalHashes(tree.root(size), mth(0, size)),
    );
    expect(wrong).toEqual([]);
  });

  it("gives, for every size up to 300, the reference inclusion proof of every leaf, and it verifies", () => {
    const wrong: string[] = [];
    for (let size = 1; size <= SIZE; size++) {
      const root = tree.root(size);
      for (let index = 0; index < size; index++) {
        const proof = tree.inclusionProof(index, size);
        const leafHash = mth(index, index + 1);
        if (!sameHashes(proof, referencePath(index, 0, size, mth))) wrong.push(`path ${index}/${size}`);
        if (!verifyInclusion({ leafHash, index, size, proof, root }).ok) wrong.push(`verify ${index}/${size}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("gives, for every 1 ≤ m ≤ n ≤ 300, the reference consistency proof, and it verifies", () => {
    const wrong: string[] = [];
    for (let newSize = 1; newSize <= SIZE; newSize++) {
      const newRoot = tree.root(newSize);
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = tree.consistencyProof(oldSize, newSize);
        if (!sameHashes(proof, referenceSubproof(oldSize, 0, newSize, true, mth))) wrong.push(`${oldSize}→${newSize}`);
        const check = verifyConsistency({ oldSize, newSize, oldRoot: tree.root(oldSize), newRoot, proof });
        if (!check.ok) wrong.push(`verify ${oldSize}→${newSize}: ${check.reason}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

type Range = { readonly start: number; readonly end: number };

/**
 * Folds a plan element right to left as resolvePlan does, but over leaf ranges: every fold must be a node of the RFC's
 * split (left part = largest power of two below the whole), so the range that comes out is one whose MTH it computes.
 */
function foldRange(element: PlanElement): Range {
  const ranges = element.map(({ level, index }: NodeKey) => ({
    start: index * 2 ** level,
    end: (index + 1) * 2 ** level,
  }));
  return ranges.reduceRight((right, left) => {
    const whole = right.end - left.start;
    if (left.end !== right.start || left.end - left.start !== largestPowerOfTwoBelow(whole)) {
      throw new Error(`[${left.start}, ${left.end}) + [${right.start}, ${right.end}) is not an RFC split`);
    }
    return { start: left.start, end: right.end };
  });
}

const asRange: Mth<Range> = (start, end) => ({ start, end });
const sized = (max: number) =>
  fc.integer({ min: 1, max }).chain((size) => fc.tuple(fc.integer({ min: 1, max: size }), fc.constant(size)));

describe("plans of trees far too large to build", () => {
  for (const max of [2 ** 20, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
    it(`name, up to ${max} leaves, the very ranges of the RFC's inclusion and consistency proofs`, () => {
      fc.assert(
        fc.property(sized(max), ([m, size]) => {
          const index = m - 1;
          expect(inclusionPlan(index, size).map(foldRange)).toEqual(referencePath(index, 0, size, asRange));
          expect(consistencyPlan(m, size).map(foldRange)).toEqual(referenceSubproof(m, 0, size, true, asRange));
        }),
        { numRuns: 500 },
      );
    });
  }
});
