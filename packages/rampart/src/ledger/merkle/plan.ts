import { checkInteger, splitPoint, topBit } from "./bits.js";
import { EMPTY_ROOT, HASH_LENGTH, nodeHash } from "./hash.js";

/** The complete aligned subtree over leaves [index·2^level, (index+1)·2^level); level 0 is a leaf hash. */
export type NodeKey = { readonly level: number; readonly index: number };

/** One proof element: the MTH of a range, as the complete subtrees (left to right) that it folds together. */
export type PlanElement = readonly NodeKey[];

/** A proof as the subtrees each of its elements is made of, in the RFC's element order. */
export type ProofPlan = readonly PlanElement[];

/** A stored subtree hash. */
export type TreeNode = { readonly key: NodeKey; readonly hash: Uint8Array };

/** The Map key of a node: "level:index". */
export function nodeKeyId(key: NodeKey): string {
  return `${key.level}:${key.index}`;
}

/**
 * The complete subtrees of [start, end), largest first. Every range the RFC's recursion produces starts at a multiple
 * of a power of two above its length, so cutting by the binary digits of its length yields aligned subtrees.
 */
function subtrees(start: number, end: number): NodeKey[] {
  const keys: NodeKey[] = [];
  for (let at = start; at < end; ) {
    const level = topBit(end - at);
    const width = 2 ** level;
    keys.push({ level, index: at / width });
    at += width;
  }
  return keys;
}

/** The plan of the inclusion proof PATH(index, D[size]) of RFC 9162 §2.1.3.1, leaf-side element first. */
export function inclusionPlan(index: number, size: number): ProofPlan {
  checkInteger("size", size, 1);
  checkInteger("index", index, 0, size - 1);
  const path: PlanElement[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const middle = start + splitPoint(end - start);
    if (index < middle) {
      path.push(subtrees(middle, end));
      end = middle;
    } else {
      path.push(subtrees(start, middle));
      start = middle;
    }
  }
  return path.reverse();
}

/** The plan of the consistency proof PROOF(oldSize, D[newSize]) of RFC 9162 §2.1.4.1; empty when the sizes match. */
export function consistencyPlan(oldSize: number, newSize: number): ProofPlan {
  checkInteger("newSize", newSize, 1);
  checkInteger("oldSize", oldSize, 1, newSize);
  const proof: PlanElement[] = [];
  let start = 0;
  let end = newSize;
  // SUBPROOF's flag b: false once the old tree's root is no longer a node the verifier already knows.
  let oldRootKnown = true;
  while (end !== oldSize) {
    const middle = start + splitPoint(end - start);
    if (oldSize <= middle) {
      proof.push(subtrees(middle, end));
      end = middle;
    } else {
      proof.push(subtrees(start, middle));
      start = middle;
      oldRootKnown = false;
    }
  }
  if (!oldRootKnown) proof.push(subtrees(start, end));
  return proof.reverse();
}

/** The complete subtrees of [0, size), left to right: the frontier of the log, whose fold is its root. */
export function rootPlan(size: number): PlanElement {
  checkInteger("size", size, 0);
  return subtrees(0, size);
}

/**
 * The distinct keys a plan reads, in first-use order. Each plan holds at most one element that is not a single subtree
 * (the one reaching the right edge of the tree), so a proof reads at most 2·⌈log2 n⌉ + 2 keys.
 */
export function planKeys(plan: ProofPlan): NodeKey[] {
  const keys = new Map<string, NodeKey>();
  for (const element of plan) for (const key of element) keys.set(nodeKeyId(key), key);
  return [...keys.values()];
}

function lookup(hashes: ReadonlyMap<string, Uint8Array>, key: NodeKey): Uint8Array {
  const hash = hashes.get(nodeKeyId(key));
  if (hash === undefined) throw new Error(`no hash for node ${nodeKeyId(key)}`);
  return hash;
}

/** The hashes of a plan's elements, each folded right to left with nodeHash; throws if a key is missing. */
export function resolvePlan(plan: ProofPlan, hashes: ReadonlyMap<string, Uint8Array>): Uint8Array[] {
  return plan.map((element) => {
    const last = element.at(-1);
    if (last === undefined) throw new RangeError("a plan element needs at least one node");
    let hash = lookup(hashes, last);
    for (let i = element.length - 2; i >= 0; i--) hash = nodeHash(lookup(hashes, element[i]!), hash);
    return hash;
  });
}

/** The root of the tree of the given size from its stored frontier; EMPTY_ROOT for 0. */
export function rootOf(size: number, hashes: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const frontier = rootPlan(size);
  return frontier.length === 0 ? EMPTY_ROOT : resolvePlan([frontier], hashes)[0]!;
}

/**
 * Every node completed by appending leaves to a tree of `size` leaves, given the hashes of its frontier
 * (the keys of rootPlan(size)). Children come before their parent, so inserting in order never stores a parent whose
 * children are absent. Costs O(new leaves + log size) hashes.
 */
export function appendNodes(
  size: number,
  frontier: ReadonlyMap<string, Uint8Array>,
  newLeafHashes: readonly Uint8Array[],
): TreeNode[] {
  checkInteger("size", size, 0, Number.MAX_SAFE_INTEGER - newLeafHashes.length);
  // The frontier is a binary counter of subtrees, one per set bit of size and largest first; a leaf is an increment.
  const stack: TreeNode[] = rootPlan(size).map((key) => ({ key, hash: lookup(frontier, key) }));
  const created: TreeNode[] = [];
  let index = size;
  for (const hash of newLeafHashes) {
    if (hash.length !== HASH_LENGTH) {
      throw new RangeError(`a leaf hash must be ${HASH_LENGTH} bytes, got ${hash.length}`);
    }
    let node: TreeNode = { key: { level: 0, index: index++ }, hash };
    created.push(node);
    for (let left = stack.at(-1); left !== undefined && left.key.level === node.key.level; left = stack.at(-1)) {
      stack.pop();
      node = { key: { level: node.key.level + 1, index: left.key.index / 2 }, hash: nodeHash(left.hash, node.hash) };
      created.push(node);
    }
    stack.push(node);
  }
  return created;
}
