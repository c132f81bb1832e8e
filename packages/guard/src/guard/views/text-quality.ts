import { charFlags, WORD } from "./char-class.js";

/**
 * Whether decoded characters read as text someone wrote: printable, mostly letters or digits
 * (digits too, since a nested hex layer is nothing else), no control codes beyond tab and
 * newlines. Random ids, hashes and compressed data fail this almost surely, so benign strings
 * that merely look encoded produce no view. Fed one code point at a time.
 */
export class TextTally {
  private chars = 0;
  private alphanumeric = 0;
  private printable = 0;

  /** Counts `cp`; false when it alone rules the text out (a control code, private use, U+FFFD). */
  add(cp: number): boolean {
    this.chars++;
    if (cp < 0x80) {
      if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0x7f) return false;
      this.printable++;
      const lower = cp | 0x20;
      if ((lower >= 0x61 && lower <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) this.alphanumeric++;
      return true;
    }
    if (cp < 0xa0 || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return false;
    const word = (charFlags(cp) & WORD) !== 0;
    if (word) this.alphanumeric++;
    if (word || isSymbolRange(cp)) this.printable++;
    return true;
  }

  plausible(minChars: number): boolean {
    return this.chars >= minChars && this.printable >= this.chars * 0.9 && this.alphanumeric >= this.chars * 0.5;
  }
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
