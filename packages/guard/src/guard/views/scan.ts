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

const LETTER = 1;
const DIGIT = 2;
const HEX = 4;
const BASE64 = 8;

const CLASS = new Uint8Array(128);
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LETTER | BASE64 | (c <= 0x66 ? HEX : 0);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT | BASE64 | HEX;
for (const c of "+/_-") CLASS[c.charCodeAt(0)] = BASE64;

/**
 * Words common enough that two of them turn up in any English sentence, rot13'd or reversed, and
 * that plain text in any language almost never contains. The engine's regex scan is several
 * times faster than hashing every word here; the decoders count words properly.
 */
const ROT13_WORDS = /\b(?:gur|naq|lbh|guvf|gung|jvgu|sbe|ner|nyy|vtaber|lbhe|jvyy|pna|jung|gurl|unir|abg|cyrnfr)\b/g;
const REVERSED_WORDS =
  /\b(?:eht|dna|uoy|siht|taht|htiw|rof|lla|erongi|ruoy|lliw|tahw|yeht|evah|esaelp|tpmorp|metsys|snoitcurtsni)\b/g;

function twoMatches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text) && pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

export function scan(text: string): Features {
  let base64 = false;
  let hex = false;
  let base64Run = 0;
  let hexRun = 0;
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
  let tokenStart = 0;
  let tokenClasses = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : 0;
    const cls = code < 128 ? (CLASS[code] ?? 0) : 0;
    if (cls & (LETTER | DIGIT)) {
      if (tokenClasses === 0) tokenStart = i;
      tokenClasses |= cls;
      base64Run++;
      if (cls & HEX) hexRun++;
      else {
        if (hexRun >= MIN_ENCODED_RUN) hex = true;
        hexRun = 0;
      }
      continue;
    }
    if (hexRun >= MIN_ENCODED_RUN) hex = true;
    hexRun = 0;
    if (cls & BASE64) base64Run++;
    else {
      if (base64Run >= MIN_ENCODED_RUN) base64 = true;
      base64Run = 0;
    }
    if (tokenClasses !== 0) {
      const length = i - tokenStart;
      if ((tokenClasses & (LETTER | DIGIT)) === (LETTER | DIGIT)) leetPoints += leetEvidence(text, tokenStart, i);
      if (length <= 4 && isHexPair(text, tokenStart, length)) {
        if (++hexPairs >= MIN_HEX_PAIRS) hex = true;
      } else {
        hexPairs = 0;
      }
      if (length === 1) {
        const continues =
          lastSingle >= 0 &&
          isSeparator(text, lastSingle + 1, tokenStart) &&
          (singles === 1 || sameGap(text, separatorFrom, separatorTo, lastSingle + 1, tokenStart));
        if (!continues) {
          singles = 0;
          singleLetters = 0;
        } else if (singles === 1) {
          separatorFrom = lastSingle + 1;
          separatorTo = tokenStart;
        }
        singles++;
        if (tokenClasses & LETTER) singleLetters++;
        if (singles >= MIN_SPACED && singleLetters >= MIN_SPACED_LETTERS) spaced = true;
        lastSingle = tokenStart;
      } else {
        lastSingle = -2;
        singles = 0;
      }
      tokenClasses = 0;
    }
    if (code === 0x25 && isHexDigit(text.charCodeAt(i + 1)) && isHexDigit(text.charCodeAt(i + 2))) percentEscapes++;
    else if (code === 0x26) ampersands++;
  }
  return {
    base64,
    hex,
    percentEscapes,
    ampersands,
    leet: leetPoints >= MIN_LEET_POINTS,
    spaced,
    rot13: twoMatches(ROT13_WORDS, text),
    reversed: twoMatches(REVERSED_WORDS, text),
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
