import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, equalHashes, leafHash, nodeHash } from "./hash.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("RFC 9162 hashing", () => {
  it("hashes the empty tree, a leaf and a node with the RFC's domain prefixes", () => {
    expect(hex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // SHA-256(0x00), the root of the one-leaf tree in RFC 6962's test data.
    expect(hex(leafHash(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    const left = leafHash(new Uint8Array());
    const right = leafHash(Uint8Array.of(0x00));
    expect(hex(nodeHash(left, right))).toBe("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    expect(equalHashes(nodeHash(left, right), nodeHash(right, left))).toBe(false);
  });

  it("refuses node children that are not 32 bytes", () => {
    const good = leafHash(Uint8Array.of(1));
    expect(() => nodeHash(good, good.subarray(1))).toThrow(RangeError);
    expect(() => nodeHash(new Uint8Array(33), good)).toThrow(RangeError);
  });

  it("compares hashes by length and bytes", () => {
    expect(equalHashes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalHashes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalHashes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
  });
});
