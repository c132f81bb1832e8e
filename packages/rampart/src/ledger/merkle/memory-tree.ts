import { checkInteger } from "./bits.js";
import { leafHash } from "./hash.js";
import { appendNodes, consistencyPlan, inclusionPlan, nodeKeyId, resolvePlan, rootOf } from "./plan.js";

/**
 * An append-only Merkle tree held in memory as the same node keys the stored log writes, so that tests and benchmarks
 * exercise the plan API the log uses. Every past size stays provable, since a prefix's subtrees are never rewritten.
 */
export class MemoryTree {
  readonly #nodes = new Map<string, Uint8Array>();
  #size = 0;

  /** The number of leaves. */
  get size(): number {
    return this.#size;
  }

  /** Every stored subtree hash, by nodeKeyId. */
  get nodes(): ReadonlyMap<string, Uint8Array> {
    return this.#nodes;
  }

  /** Appends one entry and returns its leaf index. */
  append(entry: Uint8Array): number {
    this.appendAll([entry]);
    return this.#size - 1;
  }

  /** Appends entries in one batch, as the log's sequencer does. */
  appendAll(entries: readonly Uint8Array[]): void {
    for (const node of appendNodes(this.#size, this.#nodes, entries.map(leafHash))) {
      this.#nodes.set(nodeKeyId(node.key), node.hash);
    }
    this.#size += entries.length;
  }

  /** The root of the tree's first `size` leaves. */
  root(size = this.#size): Uint8Array {
    checkInteger("size", size, 0, this.#size);
    return rootOf(size, this.#nodes);
  }

  /** The inclusion proof of leaf `index` in the tree's first `size` leaves. */
  inclusionProof(index: number, size = this.#size): Uint8Array[] {
    checkInteger("size", size, 1, this.#size);
    return resolvePlan(inclusionPlan(index, size), this.#nodes);
  }

  /** The consistency proof from the tree's first `oldSize` leaves to its first `newSize`. */
  consistencyProof(oldSize: number, newSize = this.#size): Uint8Array[] {
    checkInteger("newSize", newSize, 1, this.#size);
    return resolvePlan(consistencyPlan(oldSize, newSize), this.#nodes);
  }
}
