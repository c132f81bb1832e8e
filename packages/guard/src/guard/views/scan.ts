import { leetEvidence } from "./leetspeak.js";
import { isSeparator, MIN_SPACED } from "./spaced-letters.js";

/**
 * Cheap tells, gathered in one pass over a lowercase view, that decide which of the costlier
 * stages (folding, decoders) run at all. Each is a necessary condition only: the stage itself
 * confirms before it produces a view or a signal.
 */
export interface Features {
  /** A run of at least 16 base64 (or base32) alphabet characters. */
  readonly base64: boolean;
  /** At least 16 hex digits in a row, or 8 hex byte pairs in a row ("49 67", "\x49", "0x49"). */
  readonly hex: boolean;
  /** How many "%xx" escapes. */
  readonly percentEscapes: number;
  /** How many "&" that may open an HTML entity. */
  readonly ampersands: number;
  readonly leet: boolean;
  readonly spaced: boolean;
  /** Two or more of the commonest English words appear rot13'd ("gur", "naq") or reversed ("eht", "dna"). */
  readonly rot13: boolean;
  readonly reversed: boolean;
}

export const MIN_ENCODED_RUN = 16;
const MIN_HEX_PAIRS = 8;
const MIN_SPACED_LETTERS = 3;
const MIN_LEET_POINTS = 2;
const MIN_TELLS = 2;

const ROT13_TELL = 1;
const REVERSED_TELL = 2;

/**
 * The commonest short English words as rot13 ("gur", "naq") or reversed ("eht", "dna") writes
 * them, none of them a word in its own right. Two in a text are enough to run those decoders,
 * which then count words properly. Keyed by 5 bits a letter, so a token is looked up with no
 * string made: three-letter keys index a table, four-letter keys a small hash.
 */
const COMMON = ["the", "and", "you", "for", "all", "are", "can", "not", "this", "that", "with", "your", "will"].concat([
  "what",
  "they",
  "have",
  "from",
]);
const NOT_TELLS = new Set(["era", "ton", "mrof"]);
const TELLS3 = new Uint8Array(1 << 15);
const TELL4_KEYS = new Int32Array(256);
const TELL4_KINDS = new Uint8Array(256);

function letterKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = (key << 5) | (word.charCodeAt(i) & 31);
  return key;
}

function tell4Slot(key: number): number {
  let slot = (key ^ (key >>> 9)) & 255;
  while (TELL4_KEYS[slot] !== 0 && TELL4_KEYS[slot] !== key) slot = (slot + 1) & 255;
  return slot;
}

for (const word of COMMON) {
  const rotated = String.fromCharCode(...Array.from(word, (c) => ((c.charCodeAt(0) - 0x61 + 13) % 26) + 0x61));
  const reversed = Array.from(word).reverse().join("");
  for (const [tell, kind] of [
    [rotated, ROT13_TELL],
    [reversed, REVERSED_TELL],
  ] as const) {
    if (NOT_TELLS.has(tell)) continue;
    const key = letterKey(tell);
    if (tell.length === 3) TELLS3[key] = (TELLS3[key] ?? 0) | kind;
    else {
      const slot = tell4Slot(key);
      TELL4_KEYS[slot] = key;
      TELL4_KINDS[slot] = (TELL4_KINDS[slot] ?? 0) | kind;
    }
  }
}

function tellOf(key: number, length: number): number {
  if (length === 3) return TELLS3[key] ?? 0;
  if (length !== 4) return 0;
  const slot = tell4Slot(key);
  return TELL4_KEYS[slot] === key ? (TELL4_KINDS[slot] ?? 0) : 0;
}

function isBase64Symbol(code: number): boolean {
  return code === 0x2b || code === 0x2f || code === 0x5f || code === 0x2d;
}

export function scan(text: string): Features {
  const n = text.length;
  let base64 = false;
  let hex = false;
  let base64Run = 0;
  let hexPairs = 0;
  let percentEscapes = 0;
  let ampersands = 0;
  let leetPoints = 0;
  let spaced = false;
  let singles = 0;
  let singleLetters = 0;
  let separatorFrom = 0;
  let separatorTo = 0;
  let lastSingle = -2;
  let rot13Tells = 0;
  let reversedTells = 0;
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    const start = i;
    let letters = 0;
    let key = 0;
    let hexRun = 0;
    // A token: a run of lowercase letters and digits, read in this tight inner loop.
    while (true) {
      if (code >= 0x61 && code <= 0x7a) {
        letters++;
        key = (key << 5) | (code & 31);
        hexRun = code <= 0x66 ? hexRun + 1 : 0;
      } else if (code >= 0x30 && code <= 0x39) {
        hexRun++;
      } else {
        break;
      }
      if (hexRun >= MIN_ENCODED_RUN) hex = true;
      code = ++i < n ? text.charCodeAt(i) : 0;
    }
    const length = i - start;
    if (length > 0) {
      base64Run += length;
      if (base64Run >= MIN_ENCODED_RUN) base64 = true;
      if (letters === length) {
        const tell = tellOf(key, length);
        if (tell & ROT13_TELL) rot13Tells++;
        if (tell & REVERSED_TELL) reversedTells++;
      } else if (letters > 0) {
        leetPoints += leetEvidence(text, start, i);
      }
      if (length <= 4 && isHexPair(text, start, length)) {
        if (++hexPairs >= MIN_HEX_PAIRS) hex = true;
      } else {
        hexPairs = 0;
      }
      if (length === 1) {
        const continues =
          lastSingle >= 0 &&
          isSeparator(text, lastSingle + 1, start) &&
          (singles === 1 || sameGap(text, separatorFrom, separatorTo, lastSingle + 1, start));
        if (!continues) {
          singles = 0;
          singleLetters = 0;
        } else if (singles === 1) {
          separatorFrom = lastSingle + 1;
          separatorTo = start;
        }
        singles++;
        singleLetters += letters;
        if (singles >= MIN_SPACED && singleLetters >= MIN_SPACED_LETTERS) spaced = true;
        lastSingle = start;
      } else {
        lastSingle = -2;
        singles = 0;
      }
      if (i >= n) break;
    }
    // `code` is the character after the token (or the one at `start` when there was none).
    if (isBase64Symbol(code)) base64Run++;
    else base64Run = 0;
    if (code === 0x25 && isHexDigit(text.charCodeAt(i + 1)) && isHexDigit(text.charCodeAt(i + 2))) percentEscapes++;
    else if (code === 0x26) ampersands++;
    i++;
  }
  return {
    base64,
    hex,
    percentEscapes,
    ampersands,
    leet: leetPoints >= MIN_LEET_POINTS,
    spaced,
    rot13: rot13Tells >= MIN_TELLS,
    reversed: reversedTells >= MIN_TELLS,
  };
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
}

/** "49", "x49" (after a backslash) or "0x49": one byte written in hex. */
function isHexPair(text: string, start: number, length: number): boolean {
  const end = start + length;
  if (length < 2 || length > 4 || !isHexDigit(text.charCodeAt(end - 1)) || !isHexDigit(text.charCodeAt(end - 2))) {
    return false;
  }
  if (length === 2) return true;
  if (length === 3) return text.charCodeAt(start) === 0x78;
  return text.charCodeAt(start) === 0x30 && text.charCodeAt(start + 1) === 0x78;
}

function sameGap(text: string, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let k = 0; k < aTo - aFrom; k++) if (text.charCodeAt(aFrom + k) !== text.charCodeAt(bFrom + k)) return false;
  return true;
}
