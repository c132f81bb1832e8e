import { charFlags, WORD } from "./char-class.js";

const START = 0;
const ASCII = 1;
/** A non-Latin letter right after ASCII: isolated if ASCII follows too. */
const LONE_LETTER = 2;
const OTHER = 3;

/** Share of characters that may be wrong (a tampered byte, a stray control code): none in short text. */
const BAD_SHARE = 0.03;
/** Prose and code carry far less ASCII punctuation than this; decoded noise carries more. */
const MAX_PUNCTUATION = 0.25;
const MIN_ALPHANUMERIC = 0.5;
const MIN_PRINTABLE = 0.9;
const MAX_LONE_LETTERS = 0.05;

/**
 * Whether decoded characters read as text someone wrote: printable, mostly letters or digits
 * (digits too, since a nested hex layer is nothing else), little punctuation, no letters of a far
 * script dropped singly among ASCII, and almost nothing broken: a payload with a character or
 * two tampered with still counts. Random ids, hashes and compressed data fail this almost surely,
 * so benign strings that merely look encoded produce no view. Fed one code point at a time.
 */
export class TextTally {
  private chars = 0;
  private bad = 0;
  private alphanumeric = 0;
  private printable = 0;
  private punctuation = 0;
  private loneLetters = 0;
  private state = START;

  /** A byte sequence that is not UTF-8. */
  addBroken(): void {
    this.chars++;
    this.bad++;
    this.state = OTHER;
  }

  add(cp: number): void {
    this.chars++;
    if (cp < 0x80) {
      if (this.state === LONE_LETTER) this.loneLetters++;
      this.state = ASCII;
      if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0x7f) {
        this.bad++;
        return;
      }
      this.printable++;
      const lower = cp | 0x20;
      if ((lower >= 0x61 && lower <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) this.alphanumeric++;
      else if (cp > 0x20) this.punctuation++;
      return;
    }
    if (cp < 0xa0 || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) {
      this.bad++;
      this.state = OTHER;
      return;
    }
    const word = (charFlags(cp) & WORD) !== 0;
    if (word) this.alphanumeric++;
    if (word || isSymbolRange(cp)) this.printable++;
    const farLetter = word && cp >= 0x370;
    this.state = farLetter && (this.state === ASCII || this.state === START) ? LONE_LETTER : OTHER;
  }

  plausible(minChars: number): boolean {
    const chars = this.chars;
    const lone = this.loneLetters + (this.state === LONE_LETTER ? 1 : 0);
    return (
      chars >= minChars &&
      this.bad <= Math.floor(chars * BAD_SHARE) &&
      this.printable >= (chars - this.bad) * MIN_PRINTABLE &&
      this.alphanumeric >= chars * MIN_ALPHANUMERIC &&
      this.punctuation <= chars * MAX_PUNCTUATION &&
      lone <= chars * MAX_LONE_LETTERS
    );
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
