import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, leafHash } from "./hash.js";
import { MemoryTree } from "./memory-tree.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

// Sizes up to 300 are proven; the tree runs to 600 so that a proof can be tried against the real root of a larger size.
const PROVEN = 300;
const entries = Array.from({ length: 2 * PROVEN }, (_, i) => new TextEncoder().encode(`entry ${i}`));
const tree = new MemoryTree();
tree.appendAll(entries);
const rootAt = (size: number): Uint8Array => (size <= tree.size && size >= 0 ? tree.root(size) : EMPTY_ROOT);

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

type Inclusion = { leafHash: Uint8Array; index: number; size: number; proof: Uint8Array[]; root: Uint8Array };

const honestInclusion = (index: number, size: number): Inclusion => ({
  leafHash: leafHash(entries[index]!),
  index,
  size,
  proof: tree.inclusionProof(index, size),
  root: tree.root(size),
});

/** The proof with one bit flipped: `target` picks the entry, the leaf hash, the root or a proof element. */
function tamperInclusion(good: Inclusion, target: number, bit: number): Inclusion {
  const at = target % (good.proof.length + 3);
  const entry = entries[good.index]!;
  if (at === 0) return { ...good, leafHash: leafHash(flip(entry, bit % (entry.length * 8))) };
  if (at === 1) return { ...good, leafHash: flip(good.leafHash, bit) };
  if (at === 2) return { ...good, root: flip(good.root, bit) };
  return { ...good, proof: good.proof.map((hash, i) => (i === at - 3 ? flip(hash, bit) : hash)) };
}

type Consistency = { oldSize: number; newSize: number; oldRoot: Uint8Array; newRoot: Uint8Array; proof: Uint8Array[] };

const honestConsistency = (oldSize: number, newSize: number): Consistency => ({
  oldSize,
  newSize,
  oldRoot: tree.root(oldSize),
  newRoot: tree.root(newSize),
  proof: tree.consistencyProof(oldSize, newSize),
});

function tamperConsistency(good: Consistency, target: number, bit: number): Consistency {
  const at = target % (good.proof.length + 2);
  if (at === 0) return { ...good, oldRoot: flip(good.oldRoot, bit) };
  if (at === 1) return { ...good, newRoot: flip(good.newRoot, bit) };
  return { ...good, proof: good.proof.map((hash, i) => (i === at - 2 ? flip(hash, bit) : hash)) };
}

const sizes = fc
  .integer({ min: 1, max: PROVEN })
  .chain((size) => fc.tuple(fc.integer({ min: 1, max: size }), fc.constant(size)));
const bit = fc.integer({ min: 0, max: 255 });
const otherThan = (value: number) => fc.integer({ min: -2, max: 2 * PROVEN + 2 }).filter((other) => other !== value);

describe("tampered inclusion proofs", () => {
  it("fail on any flipped bit of the entry, leaf hash, root or a proof element (fast-check)", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), bit, ([m, size], target, b) => {
        expect(verifyInclusion(tamperInclusion(honestInclusion(m - 1, size), target, b)).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("fail for any other index, and for any other size with that size's root (fast-check)", () => {
    fc.assert(
      fc.property(sizes, fc.integer({ min: -2, max: 2 * PROVEN + 2 }), ([m, size], other) => {
        const good = honestInclusion(m - 1, size);
        if (other !== good.index) expect(verifyInclusion({ ...good, index: other }).ok).toBe(false);
        if (other !== size) expect(verifyInclusion({ ...good, size: other, root: rootAt(other) }).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    [0, 1],
    [2, 3],
    [5, 8],
    [137, 257],
    [256, 300],
    [299, 300],
  ])("fail on every single bit flip of PATH(%i, D[%i])", (index, size) => {
    const good = honestInclusion(index, size);
    expect(verifyInclusion(good).ok).toBe(true);
    const targets = good.proof.length + 3;
    const accepted: string[] = [];
    for (let target = 0; target < targets; target++) {
      for (let b = 0; b < 256; b++)
        if (verifyInclusion(tamperInclusion(good, target, b)).ok) accepted.push(`${target}@${b}`);
    }
    expect(accepted).toEqual([]);
  });
});

describe("tampered consistency proofs", () => {
  it("fail on any flipped bit of either root or a proof element (fast-check)", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), bit, ([oldSize, newSize], target, b) => {
        expect(verifyConsistency(tamperConsistency(honestConsistency(oldSize, newSize), target, b)).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("fail for any other old or new size with that size's root (fast-check)", () => {
    const changed = sizes.chain(([m, n]) => fc.tuple(fc.constant(m), fc.constant(n), otherThan(m), otherThan(n)));
    fc.assert(
      fc.property(changed, ([oldSize, newSize, otherOld, otherNew]) => {
        const good = honestConsistency(oldSize, newSize);
        expect(verifyConsistency({ ...good, oldSize: otherOld, oldRoot: rootAt(otherOld) }).ok).toBe(false);
        expect(verifyConsistency({ ...good, newSize: otherNew, newRoot: rootAt(otherNew) }).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    [1, 1],
    [1, 8],
    [2, 5],
    [6, 8],
    [127, 300],
    [256, 300],
  ])("fail on every single bit flip of PROOF(%i, D[%i])", (oldSize, newSize) => {
    const good = honestConsistency(oldSize, newSize);
    expect(verifyConsistency(good).ok).toBe(true);
    const accepted: string[] = [];
    for (let target = 0; target < good.proof.length + 2; target++) {
      for (let b = 0; b < 256; b++) {
        if (verifyConsistency(tamperConsistency(good, target, b)).ok) accepted.push(`${target}@${b}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});
