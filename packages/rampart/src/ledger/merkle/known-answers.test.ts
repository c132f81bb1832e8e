import { describe, expect, it } from "vitest";
import { EMPTY_ROOT } from "./hash.js";
import { MemoryTree } from "./memory-tree.js";
import { verifyConsistency, verifyInclusion } from "./verify.js";

// The reference leaves and roots of transparency-dev/merkle testonly/constants.go, which are RFC 6962's test data.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const PATH_0_OF_8 = [
  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
];
const PATH_5_OF_8 = [
  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
];

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));

function referenceTree(): MemoryTree {
  const tree = new MemoryTree();
  for (const leaf of LEAVES) tree.append(bytes(leaf));
  return tree;
}

describe("the RFC 6962 reference tree of 8 leaves", () => {
  it("has the published root at every size from 0 to 8", () => {
    const tree = referenceTree();
    expect(ROOTS.map((_, size) => hex(tree.root(size)))).toEqual(ROOTS);
    expect(new MemoryTree().root()).toEqual(EMPTY_ROOT);
  });

  it("gives the published inclusion paths of leaves 0 and 5, and they verify", () => {
    const tree = referenceTree();
    expect(tree.inclusionProof(0, 8).map(hex)).toEqual(PATH_0_OF_8);
    expect(tree.inclusionProof(5, 8).map(hex)).toEqual(PATH_5_OF_8);
    const root = bytes(ROOTS[8]!);
    for (const index of [0, 5]) {
      const leafHash = tree.nodes.get(`0:${index}`)!;
      const proof = tree.inclusionProof(index, 8);
      expect(verifyInclusion({ leafHash, index, size: 8, proof, root })).toEqual({ ok: true });
    }
  });

  it("proves every size consistent with every later one", () => {
    const tree = referenceTree();
    for (let newSize = 1; newSize <= 8; newSize++) {
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = tree.consistencyProof(oldSize, newSize);
        const [oldRoot, newRoot] = [bytes(ROOTS[oldSize]!), bytes(ROOTS[newSize]!)];
        expect(verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof })).toEqual({ ok: true });
      }
    }
  });
});
