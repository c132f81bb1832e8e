import { describe, expect, it } from "vitest";
import { readSelectorRun, selectorByte } from "./variation-selectors.js";

const selector = (byte: number) => String.fromCodePoint(byte < 16 ? 0xfe00 + byte : 0xe0100 + byte - 16);

describe("selectorByte", () => {
  it("maps both selector blocks onto the 256 byte values", () => {
    expect(selectorByte(0xfe00)).toBe(0);
    expect(selectorByte(0xfe0f)).toBe(15);
    expect(selectorByte(0xe0100)).toBe(16);
    expect(selectorByte(0xe01ef)).toBe(255);
    expect(selectorByte(0x41)).toBe(-1);
  });
});

describe("readSelectorRun", () => {
  it("reads one byte per selector, with where each selector sits", () => {
    const text = `😀${[0x48, 0x69, 0x0a].map(selector).join("")}!`;
    const run = readSelectorRun(text, 2);
    expect(Array.from(run.bytes)).toEqual([0x48, 0x69, 0x0a]);
    expect(Array.from(run.at)).toEqual([2, 4, 6]);
    expect(Array.from(run.size)).toEqual([2, 2, 1]);
    expect(run.end).toBe(7);
  });
});
