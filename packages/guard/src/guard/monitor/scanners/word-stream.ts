import { charFlags, WORD } from "../../views/char-class.js";
import { isInvisible } from "./runs.js";

/** Called per word: its hashes, where it is in the whole output, and what it is made of. */
export type WordSink = (folded: number, exact: number, start: number, end: number, kind: WordKind) => void;

export const WORD_KIND = {
  /** Latin letters, digits and underscores (and the point inside a decimal number). */
  latin: 1,
  /** A word of another script. */
  other: 2,
  /** One Han, kana or other unspaced character: those scripts do not mark word boundaries. */
  ideograph: 3,
} as const;
export type WordKind = (typeof WORD_KIND)[keyof typeof WORD_KIND];

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function isIdeograph(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff66 && code <= 0xff9d)
  );
}

function isAsciiWord(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 95 || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
}

/** Accented Latin letters and combining accents: `Ünïcode` and `café` are one word each. */
function isLatinLetter(code: number): boolean {
  return (
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x1e00 && code <= 0x1eff)
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function lowerCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code | 0x20 : code;
  return String.fromCharCode(code).toLowerCase().charCodeAt(0);
}

/**
 * Splits a stream into words without keeping their text: each word is hashed as it is read, twice
 * (case-folded, for phrase shingles; exact, with a number's leading zeros dropped, for names and
 * numbers), so the state carried between pieces is a few numbers. Words break where the script
 * changes between Latin and others (`ChatGPT라는` is two words); invisible characters are skipped.
 */
export class WordStream {
  readonly #sink: WordSink;
  #kind = 0;
  #start = -1;
  #end = 0;
  #folded = FNV_OFFSET;
  #exact = FNV_OFFSET;
  /** The exact hash of the digits read so far without leading zeros; valid while #digitsOnly. */
  #number = FNV_OFFSET;
  #digitsOnly = true;
  #lastDigit = false;
  /** A `.` after a digit: part of the number if a digit follows. */
  #pointAt = -1;

  constructor(sink: WordSink) {
    this.#sink = sink;
  }

  push(text: string, offset: number): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const at = offset + i;
      if (this.#pointAt >= 0) {
        this.#pointAt = -1;
        if (isDigit(code)) {
          this.#add(46, 46);
          this.#digitsOnly = false;
          this.#add(code, code);
          this.#end = at + 1;
          continue;
        }
        this.#finish();
      }
      if (code < 128) {
        if (isAsciiWord(code)) this.#latin(code, at);
        else if (code === 46 && this.#kind === WORD_KIND.latin && this.#lastDigit) this.#pointAt = at;
        else this.#finish();
        continue;
      }
      if (isInvisible(code)) continue;
      if (isLatinLetter(code)) {
        this.#latin(code, at);
      } else if (isIdeograph(code)) {
        this.#finish();
        this.#sink(this.#hashOne(lowerCode(code)), this.#hashOne(code), at, at + 1, WORD_KIND.ideograph);
      } else if ((code < 0xd800 || code >= 0xe000) && (charFlags(code) & WORD) !== 0) {
        if (this.#kind !== WORD_KIND.other) this.#open(WORD_KIND.other, at);
        this.#add(lowerCode(code), code);
        this.#end = at + 1;
      } else {
        this.#finish();
      }
    }
  }

  end(): void {
    this.#pointAt = -1;
    this.#finish();
  }

  #latin(code: number, at: number): void {
    if (this.#kind !== WORD_KIND.latin) this.#open(WORD_KIND.latin, at);
    this.#add(lowerCode(code), code);
    this.#lastDigit = isDigit(code);
    if (!this.#lastDigit) this.#digitsOnly = false;
    else if (this.#digitsOnly && !(code === 48 && this.#number === FNV_OFFSET)) {
      this.#number = Math.imul(this.#number ^ code, FNV_PRIME);
    }
    this.#end = at + 1;
  }

  #open(kind: WordKind, at: number): void {
    this.#finish();
    this.#kind = kind;
    this.#start = at;
  }

  #add(folded: number, exact: number): void {
    this.#folded = Math.imul(this.#folded ^ folded, FNV_PRIME);
    this.#exact = Math.imul(this.#exact ^ exact, FNV_PRIME);
  }

  #hashOne(code: number): number {
    return Math.imul(FNV_OFFSET ^ code, FNV_PRIME);
  }

  #finish(): void {
    if (this.#kind !== 0) {
      const numeric = this.#kind === WORD_KIND.latin && this.#digitsOnly;
      const exact = numeric ? (this.#number === FNV_OFFSET ? this.#hashOne(48) : this.#number) : this.#exact;
      this.#sink(this.#folded, exact, this.#start, this.#end, this.#kind as WordKind);
    }
    this.#kind = 0;
    this.#folded = FNV_OFFSET;
    this.#exact = FNV_OFFSET;
    this.#number = FNV_OFFSET;
    this.#digitsOnly = true;
    this.#lastDigit = false;
  }
}
