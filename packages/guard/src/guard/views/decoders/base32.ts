import { originalRange } from "../mapped.js";
import { MIN_ENCODED_RUN } from "../scan.js";
import { appendUtf8, isUtf8Text, SCRATCH } from "../utf8.js";
import { MIN_DECODED_CHARS } from "./decoded-views.js";
import { defineDecoder } from "./decoder.js";

/** RFC 4648 base32 (A–Z, 2–7), in either case but not both within one run. */
function value(code: number, lower: boolean): number {
  if (code >= 0x32 && code <= 0x37) return code - 0x32 + 26;
  const base = lower ? 0x61 : 0x41;
  return code >= base && code <= base + 25 ? code - base : -1;
}

export const base32 = defineDecoder({
  name: "base32",
  detector: "obfuscation/base32",
  description: "Base32 runs of 16 or more characters that decode to UTF-8 text.",
  wanted: (features) => features.base64,
  decode(clean, out) {
    const text = clean.text;
    let i = 0;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      const lower = code >= 0x61;
      if (value(code, lower) < 0 || value(code, lower) >= 26) {
        i++;
        continue;
      }
      let end = i;
      while (end < text.length && value(text.charCodeAt(end), lower) >= 0) end++;
      let padded = end;
      while (padded < end + 6 && text.charCodeAt(padded) === 0x3d) padded++;
      if (end - i >= MIN_ENCODED_RUN) {
        fillBytes(text, i, end, lower);
        if (isUtf8Text(SCRATCH, MIN_DECODED_CHARS)) {
          appendUtf8(SCRATCH, clean, out.begin("base32"), true);
          out.commit({
            spans: [originalRange(clean, i, padded)],
            evidence: true,
            describe: "base32 text decodes to",
            sources: [text.slice(i, end)],
          });
        }
      }
      i = padded;
    }
  },
});

function fillBytes(text: string, from: number, to: number, lower: boolean): void {
  const length = Math.floor(((to - from) * 5) / 8);
  SCRATCH.reset(length);
  let buffer = 0;
  let bits = 0;
  for (let i = from; i < to && SCRATCH.length < length; i++) {
    buffer = ((buffer << 5) | value(text.charCodeAt(i), lower)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      // Byte k holds bits 8k..8k+7, which live in characters floor(8k/5)..floor((8k+7)/5).
      const k = SCRATCH.length;
      const last = Math.min(to - 1, from + Math.floor((8 * k + 7) / 5));
      SCRATCH.push((buffer >> bits) & 0xff, from + Math.floor((8 * k) / 5), last + 1);
    }
  }
}
