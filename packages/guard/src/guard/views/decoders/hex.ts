import { type Mapped, originalRange } from "../mapped.js";
import { MIN_ENCODED_RUN } from "../scan.js";
import { appendUtf8, isUtf8Text, SCRATCH } from "../utf8.js";
import { type DecodedViews, MIN_DECODED_CHARS } from "./decoded-views.js";
import { defineDecoder } from "./decoder.js";

const MIN_PAIRS = 8;

function digit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function isPairSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2c || code === 0x3a || code === 0x3b || code === 0x2d;
}

export const hex = defineDecoder({
  name: "hex",
  detector: "obfuscation/hex",
  description: 'Hex text: 16 or more digits in a row, or 8 or more byte pairs ("49 67", "\\x49", "0x49").',
  wanted: (features) => features.hex,
  decode(clean, out) {
    const text = clean.text;
    let i = 0;
    while (i < text.length) {
      if (digit(text.charCodeAt(i)) < 0 && !isPrefix(text, i)) {
        i++;
        continue;
      }
      let end = i;
      while (end < text.length && digit(text.charCodeAt(end)) >= 0) end++;
      const digits: number[] = [];
      if (end - i >= MIN_ENCODED_RUN) {
        for (let k = i; k + 1 < end; k += 2) digits.push(k, k + 1);
      } else {
        end = readPairs(text, i, digits);
        if (digits.length < MIN_PAIRS * 2) digits.length = 0;
      }
      if (digits.length > 0) decodeDigits(clean, digits, out);
      i = Math.max(end, i + 1);
    }
  },
});

function isPrefix(text: string, i: number): boolean {
  const first = text.charCodeAt(i);
  return (first === 0x5c || first === 0x30) && (text.charCodeAt(i + 1) | 0x20) === 0x78;
}

/** Reads "49 67 6e", "\x49\x67" or "0x49, 0x67" from `from`; pushes digit positions, returns the end. */
function readPairs(text: string, from: number, digits: number[]): number {
  let i = from;
  let end = from;
  for (;;) {
    if (isPrefix(text, i)) i += 2;
    const high = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    if (digit(high) < 0 || digit(low) < 0 || digit(text.charCodeAt(i + 2)) >= 0) return end;
    digits.push(i, i + 1);
    i += 2;
    end = i;
    let separators = 0;
    while (separators < 2 && isPairSeparator(text.charCodeAt(i))) {
      i++;
      separators++;
    }
    if (separators === 0 && !isPrefix(text, i)) return end;
  }
}

function decodeDigits(clean: Mapped, digits: readonly number[], out: DecodedViews): void {
  const text = clean.text;
  const length = digits.length / 2;
  SCRATCH.reset(length);
  for (let k = 0; k < length; k++) {
    const high = digits[2 * k] ?? 0;
    const low = digits[2 * k + 1] ?? 0;
    const byte = digit(text.charCodeAt(high)) * 16 + digit(text.charCodeAt(low));
    SCRATCH.push(byte, high, low + 1);
  }
  if (!isUtf8Text(SCRATCH, MIN_DECODED_CHARS)) return;
  appendUtf8(SCRATCH, clean, out.begin("hex"), true);
  const first = digits[0] ?? 0;
  const last = digits[digits.length - 1] ?? first;
  out.commit({
    spans: [originalRange(clean, first, last + 1)],
    evidence: true,
    describe: "hex text decodes to",
    sources: [text.slice(first, last + 1)],
  });
}
