import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "./base64.js";

describe("base64", () => {
  it("encodes as Buffer does and decodes back", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ["a length that is not a multiple of 4", "QUJD="],
    ["a character outside the alphabet", "QU-D"],
    ["padding in the middle", "QQ==QUJD"],
    ["whitespace", "QUJD QUJD"],
    ["non-zero bits under the padding", "QR=="],
    ["a non-ASCII character", "QUJé"],
  ])("rejects %s", (_what, text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});
