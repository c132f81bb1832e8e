import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, leafHash } from "./hash.js";
import { MemoryTree } from "./memory-tree.js";

describe("MemoryTree", () => {
  it("appends entries one by one or in batches, keeping every past size provable", () => {
    const byOne = new MemoryTree();
    const entries = Array.from({ length: 11 }, (_, i) => Uint8Array.of(i, i));
    expect(entries.map((entry) => byOne.append(entry))).toEqual(entries.map((_, i) => i));
    const batched = new MemoryTree();
    batched.appendAll(entries.slice(0, 4));
    batched.appendAll([]);
    batched.appendAll(entries.slice(4));
    expect(batched.size).toBe(11);
    expect(batched.nodes).toEqual(byOne.nodes);
    expect(byOne.nodes.get("0:3")).toEqual(leafHash(entries[3]!));
    expect(byOne.root(0)).toEqual(EMPTY_ROOT);
    expect(byOne.inclusionProof(2)).toEqual(byOne.inclusionProof(2, 11));
    expect(byOne.consistencyProof(3)).toEqual(byOne.consistencyProof(3, 11));
  });

  it("refuses sizes it has not reached", () => {
    const tree = new MemoryTree();
    tree.append(Uint8Array.of(1));
    expect(() => tree.root(2)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 2)).toThrow(RangeError);
    expect(() => tree.inclusionProof(1)).toThrow(RangeError);
    expect(() => tree.consistencyProof(1, 2)).toThrow(RangeError);
    expect(() => new MemoryTree().inclusionProof(0)).toThrow(RangeError);
  });
});
