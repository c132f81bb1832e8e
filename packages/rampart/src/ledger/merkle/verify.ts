import { inclusionProofLength, topBit } from "./bits.js";
import { equalHashes, HASH_LENGTH, nodeHash } from "./hash.js";
import { consistencyPlan } from "./plan.js";

/** The verdict on a proof: a bad proof is an expected outcome, so it is a value, never an exception. */
export type ProofCheck = { ok: true } | { ok: false; reason: string };

/** A root recomputed from an inclusion proof, or why the proof cannot yield one. */
export type RootResult = { ok: true; root: Uint8Array } | { ok: false; reason: string };

/** An inclusion proof of the leaf hash at `index` in the tree of `size` leaves. */
export type InclusionProof = {
  readonly leafHash: Uint8Array;
  readonly index: number;
  readonly size: number;
  readonly proof: readonly Uint8Array[];
};

/** A consistency proof between the roots of the trees of `oldSize` and `newSize` leaves. */
export type ConsistencyProof = {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  readonly proof: readonly Uint8Array[];
};

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const half = (x: number): number => Math.floor(x / 2);
const isOdd = (x: number): boolean => x % 2 === 1;

// Verification runs tens of thousands of times a second for a log monitor: no allocation on the good path.
function wrongLength(hashes: Readonly<Record<string, Uint8Array>>, proof: readonly Uint8Array[]): string | undefined {
  for (const name in hashes) {
    const length = hashes[name]!.length;
    if (length !== HASH_LENGTH) return `${name} is ${length} bytes, not ${HASH_LENGTH}`;
  }
  for (let i = 0; i < proof.length; i++) {
    if (proof[i]!.length !== HASH_LENGTH) return `proof[${i}] is ${proof[i]!.length} bytes, not ${HASH_LENGTH}`;
  }
  return undefined;
}

/**
 * The root that an inclusion proof leads to (RFC 9162 §2.1.3.2). The proof must have exactly the length of
 * PATH(index, D[size]); that makes the algorithm's checks on sn (steps 4a and 5) hold by construction.
 */
export function rootFromInclusionProof({ leafHash, index, size, proof }: InclusionProof): RootResult {
  if (!Number.isSafeInteger(size) || size < 1) return fail(`tree size ${size} is not a positive integer`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    return fail(`leaf index ${index} is outside a tree of ${size}`);
  }
  const expected = inclusionProofLength(index, size);
  if (proof.length !== expected) {
    return fail(`the proof has ${proof.length} hashes, leaf ${index} of ${size} needs ${expected}`);
  }
  const badLength = wrongLength({ "leaf hash": leafHash }, proof);
  if (badLength !== undefined) return fail(badLength);
  let fn = index;
  let sn = size - 1;
  let root = leafHash;
  for (const sibling of proof) {
    if (isOdd(fn) || fn === sn) {
      root = nodeHash(sibling, root);
      for (; fn !== 0 && !isOdd(fn); fn = half(fn)) sn = half(sn);
    } else {
      root = nodeHash(root, sibling);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return { ok: true, root };
}

/** Whether `proof` shows the leaf hash at `index` in the tree of `size` leaves whose root is `root`. */
export function verifyInclusion(args: InclusionProof & { readonly root: Uint8Array }): ProofCheck {
  const computed = rootFromInclusionProof(args);
  if (!computed.ok) return computed;
  const badLength = wrongLength({ root: args.root }, []);
  if (badLength !== undefined) return fail(badLength);
  return equalHashes(computed.root, args.root) ? { ok: true } : fail("the proof leads to a different root");
}

/**
 * Whether `proof` shows the tree of `newSize` leaves extends the one of `oldSize` (RFC 9162 §2.1.4.2). A proof from
 * the empty tree is refused, as the reference vectors do: it proves nothing. Equal sizes need an empty proof and
 * byte-equal roots, whatever their length, again as the reference vectors require. The proof must have exactly the
 * length of PROOF(oldSize, D[newSize]), which makes the algorithm's checks on sn (steps 6a and 7) hold by construction.
 */
export function verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof }: ConsistencyProof): ProofCheck {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0) {
    return fail(`tree sizes ${oldSize} and ${newSize} are not non-negative integers`);
  }
  if (oldSize > newSize) return fail(`old size ${oldSize} is larger than new size ${newSize}`);
  if (oldSize === 0) return fail("a consistency proof from the empty tree proves nothing");
  if (oldSize === newSize) {
    if (proof.length > 0) return fail(`the sizes are equal but the proof has ${proof.length} hashes`);
    return equalHashes(oldRoot, newRoot) ? { ok: true } : fail("the sizes are equal but the roots differ");
  }
  const expected = consistencyPlan(oldSize, newSize).length;
  if (proof.length !== expected) {
    return fail(`the proof has ${proof.length} hashes, ${oldSize} to ${newSize} needs ${expected}`);
  }
  const badLength = wrongLength({ "old root": oldRoot, "new root": newRoot }, proof);
  if (badLength !== undefined) return fail(badLength);
  // The old tree's root is itself a node of the new tree when oldSize is a power of two, so the proof omits it.
  const path = 2 ** topBit(oldSize) === oldSize ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  for (; isOdd(fn); fn = half(fn)) sn = half(sn);
  let oldHash = path[0]!;
  let newHash = oldHash;
  for (const node of path.slice(1)) {
    if (isOdd(fn) || fn === sn) {
      oldHash = nodeHash(node, oldHash);
      newHash = nodeHash(node, newHash);
      for (; fn !== 0 && !isOdd(fn); fn = half(fn)) sn = half(sn);
    } else {
      newHash = nodeHash(newHash, node);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (!equalHashes(oldHash, oldRoot)) return fail("the proof does not lead to the old root");
  return equalHashes(newHash, newRoot) ? { ok: true } : fail("the proof does not lead to the new root");
}
