import { describe, expect, it } from "vitest";
import { leafHash } from "./hash.js";
import { MemoryTree } from "./memory-tree.js";
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./verify.js";

const tree = new MemoryTree();
tree.appendAll(Array.from({ length: 8 }, (_, i) => Uint8Array.of(i)));
const leaf = (index: number): Uint8Array => leafHash(Uint8Array.of(index));

function inclusion(index: number, size: number) {
  return { leafHash: leaf(index), index, size, proof: tree.inclusionProof(index, size), root: tree.root(size) };
}

function consistency(oldSize: number, newSize: number) {
  const proof = tree.consistencyProof(oldSize, newSize);
  return { oldSize, newSize, oldRoot: tree.root(oldSize), newRoot: tree.root(newSize), proof };
}

const refused = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe("verifyInclusion", () => {
  it("recomputes the root from a proof", () => {
    expect(rootFromInclusionProof(inclusion(5, 7))).toEqual({ ok: true, root: tree.root(7) });
    expect(verifyInclusion(inclusion(5, 7))).toEqual({ ok: true });
  });

  it("refuses, without throwing, impossible positions, wrong lengths and hashes that are not 32 bytes", () => {
    const good = inclusion(5, 7);
    expect(verifyInclusion({ ...good, size: 0 })).toEqual(refused(/size 0/));
    expect(verifyInclusion({ ...good, size: 2 ** 64 })).toEqual(refused(/size/));
    expect(verifyInclusion({ ...good, index: 7 })).toEqual(refused(/outside/));
    expect(verifyInclusion({ ...good, index: -1 })).toEqual(refused(/outside/));
    expect(verifyInclusion({ ...good, index: 0.5 })).toEqual(refused(/outside/));
    expect(verifyInclusion({ ...good, proof: good.proof.slice(1) })).toEqual(refused(/2 hashes.*needs 3/));
    expect(verifyInclusion({ ...good, proof: [...good.proof, good.root] })).toEqual(refused(/4 hashes/));
    expect(verifyInclusion({ ...good, proof: [new Uint8Array(), ...good.proof.slice(1)] })).toEqual(
      refused(/proof\[0\] is 0 bytes/),
    );
    expect(verifyInclusion({ ...good, leafHash: Uint8Array.of(5) })).toEqual(refused(/leaf hash is 1 bytes/));
    expect(verifyInclusion({ ...good, root: good.root.subarray(1) })).toEqual(refused(/root is 31 bytes/));
    expect(verifyInclusion({ ...good, root: tree.root(6) })).toEqual(refused(/different root/));
  });

  it("does not bind the tree size: the signed tree head has to", () => {
    // Leaf 0 takes the same turns in trees of 3 and 4 leaves, so PATH(0, D[3]) reaches root 3 whichever size is claimed.
    expect(verifyInclusion({ ...inclusion(0, 3), size: 4 })).toEqual({ ok: true });
    expect(verifyInclusion({ ...inclusion(0, 3), size: 4, root: tree.root(4) })).toEqual(refused(/different root/));
  });
});

describe("verifyConsistency", () => {
  it("accepts equal sizes with an empty proof and equal roots, and a real proof", () => {
    expect(verifyConsistency(consistency(5, 5))).toEqual({ ok: true });
    expect(verifyConsistency(consistency(3, 7))).toEqual({ ok: true });
    expect(verifyConsistency(consistency(4, 8))).toEqual({ ok: true });
  });

  it("refuses, without throwing, the empty old tree, shrinking, wrong lengths and hashes that are not 32 bytes", () => {
    const good = consistency(3, 7);
    expect(verifyConsistency({ ...good, oldSize: 0, oldRoot: tree.root(0) })).toEqual(refused(/empty tree/));
    expect(verifyConsistency({ ...consistency(5, 5), oldSize: 0, newSize: 0 })).toEqual(refused(/empty tree/));
    expect(verifyConsistency({ ...good, oldSize: 8 })).toEqual(refused(/larger/));
    expect(verifyConsistency({ ...good, newSize: 2 ** 53 })).toEqual(refused(/integers/));
    expect(verifyConsistency({ ...good, oldSize: -1 })).toEqual(refused(/integers/));
    expect(verifyConsistency({ ...consistency(5, 5), proof: [tree.root(5)] })).toEqual(refused(/equal but the proof/));
    expect(verifyConsistency({ ...consistency(5, 5), newRoot: tree.root(6) })).toEqual(refused(/roots differ/));
    expect(verifyConsistency({ ...good, proof: [] })).toEqual(refused(/0 hashes/));
    expect(verifyConsistency({ ...good, proof: good.proof.slice(1) })).toEqual(refused(/3 hashes, 3 to 7 needs 4/));
    expect(verifyConsistency({ ...good, proof: [...good.proof, good.newRoot] })).toEqual(refused(/5 hashes/));
    expect(verifyConsistency({ ...good, proof: [good.newRoot, ...good.proof] })).toEqual(refused(/5 hashes/));
    const short = [...good.proof.slice(0, 3), new Uint8Array(31)];
    expect(verifyConsistency({ ...good, proof: short })).toEqual(refused(/proof\[3\] is 31 bytes/));
    expect(verifyConsistency({ ...good, oldRoot: new Uint8Array(33) })).toEqual(refused(/old root is 33 bytes/));
    expect(verifyConsistency({ ...good, newRoot: tree.root(8) })).toEqual(refused(/new root/));
    expect(verifyConsistency({ ...good, oldRoot: tree.root(2) })).toEqual(refused(/old root/));
  });
});
