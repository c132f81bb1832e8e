import { charFlags, WORD } from "./char-class.js";
import type { MappedBuilder } from "./mapped.js";

/**
 * Whether the units appended to `out` since `from` read as text someone wrote: printable, mostly
 * letters or digits (digits too, since a nested hex layer is nothing else), no control codes
 * beyond tab and newlines. Random ids, hashes and compressed data fail this almost surely, so
 * benign strings that merely look encoded produce no view.
 */
export function isPlausibleText(out: MappedBuilder, from: number, minChars: number): boolean {
  let chars = 0;
  let alphanumeric = 0;
  let printable = 0;
  for (let i = from; i < out.length; i++) {
    let cp = out.unit(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < out.length) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (out.unit(i + 1) - 0xdc00);
      i++;
    }
    chars++;
    if (cp < 0x80) {
      if (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) return false;
      if (cp === 0x7f) return false;
      printable++;
      if (((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) alphanumeric++;
      continue;
    }
    if (cp < 0xa0 || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return false;
    const flags = charFlags(cp);
    if (flags & WORD) alphanumeric++;
    if (flags & WORD || isSymbolRange(cp)) printable++;
  }
  return chars >= minChars && printable >= chars * 0.9 && alphanumeric >= chars * 0.5;
}

/** Punctuation and symbol blocks real text uses: Latin-1 signs, general punctuation, CJK, emoji. */
function isSymbolRange(cp: number): boolean {
  return (
    cp <= 0xbf ||
    (cp >= 0x2000 && cp <= 0x2bff) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x1f000 && cp <= 0x1faff)
  );
}
