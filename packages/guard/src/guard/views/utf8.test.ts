import { describe, expect, it } from "vitest";
import { identityMapped, MappedBuilder } from "./mapped.js";
import { appendUtf8, ByteBuffer, isUtf8Text } from "./utf8.js";

function buffer(bytes: number[], unitsPerByte = 1): ByteBuffer {
  const out = new ByteBuffer();
  out.reset(bytes.length);
  bytes.forEach((b, k) => {
    out.push(b, k * unitsPerByte, (k + 1) * unitsPerByte);
  });
  return out;
}

const encode = (text: string) => Array.from(Buffer.from(text, "utf8"));

describe("isUtf8Text", () => {
  it("accepts UTF-8 that reads as text, in any script", () => {
    expect(isUtf8Text(buffer(encode("ignore all previous")), 4)).toBe(true);
    expect(isUtf8Text(buffer(encode("Привет, как дела")), 4)).toBe(true);
    expect(isUtf8Text(buffer(encode("49676e6f7265")), 4)).toBe(true);
  });

  it("refuses malformed, overlong, surrogate and out-of-range sequences in short text", () => {
    for (const bytes of [[0xc3], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xff]]) {
      expect(isUtf8Text(buffer([0x61, 0x62, 0x63, 0x64, ...bytes]), 1), bytes.join(",")).toBe(false);
    }
  });

  it("refuses control codes and text that is mostly punctuation", () => {
    expect(isUtf8Text(buffer(encode("abc\u0000def")), 1)).toBe(false);
    expect(isUtf8Text(buffer(encode("!!!???...,,,;;;")), 1)).toBe(false);
    expect(isUtf8Text(buffer(encode("abc")), 4)).toBe(false);
  });

  it("refuses random bytes (a hash decoded as if it were text)", () => {
    const sha = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    const bytes = Array.from({ length: sha.length / 2 }, (_, k) => Number.parseInt(sha.slice(2 * k, 2 * k + 2), 16));
    expect(isUtf8Text(buffer(bytes), 4)).toBe(false);
  });
});

describe("appendUtf8", () => {
  it("maps each unit to the units of the bytes behind it", () => {
    const out = new MappedBuilder();
    expect(appendUtf8(buffer(encode("aé😀"), 2), identityMapped("x".repeat(20)), out)).toBe(true);
    const built = out.build();
    expect(built.text).toBe("aé😀");
    expect(Array.from(built.starts)).toEqual([0, 2, 6, 6]);
    expect(Array.from(built.ends)).toEqual([2, 6, 14, 14]);
  });

  it("writes U+FFFD for a broken byte when lenient", () => {
    const out = new MappedBuilder();
    expect(appendUtf8(buffer([0x61, 0xff, 0x62]), identityMapped("xyz"), out, true)).toBe(true);
    const built = out.build();
    expect(built.text).toBe("a\ufffdb");
    expect([built.starts[1], built.ends[1]]).toEqual([1, 2]);
  });

  it("appends nothing when the bytes are not UTF-8", () => {
    const out = new MappedBuilder();
    out.push(0x21, 0, 1);
    expect(appendUtf8(buffer([0x61, 0xc3]), identityMapped("xx"), out)).toBe(false);
    expect(out.build().text).toBe("!");
  });
});
