import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHA256_PADDING, sha256Hex, sha256Utf8 } from "./sha256.js";

function reference(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
    ["a".repeat(1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
  ])("matches the FIPS 180-4 vector for %#", (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it("agrees with node:crypto at every length around the padding boundaries", () => {
    for (let length = 0; length <= 200; length++)
      expect(sha256Hex("x".repeat(length))).toBe(reference("x".repeat(length)));
  });

  it("agrees with node:crypto on any string, lone surrogates and astral characters included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(reference(text));
      }),
    );
  });

  it("hashes bytes the caller already encoded, padding in the spare room after them", () => {
    const bytes = new Uint8Array(3 + SHA256_PADDING);
    bytes.set([0x61, 0x62, 0x63]);
    expect(sha256Utf8(bytes, 3)).toBe(reference("abc"));
  });
});
