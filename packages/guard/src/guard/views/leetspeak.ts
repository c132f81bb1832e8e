import type { Span } from "../../core/signal.js";
import { ENGLISH, MAX_WORD } from "./english-words.js";
import { type Findings, quote, SCORES } from "./findings.js";
import { endOf, type Mapped, MappedBuilder, originalRange, startOf } from "./mapped.js";

/** What each digit or symbol stands for in leetspeak ("1gn0r3", "p@$$w0rd"). */
const LEET = new Uint8Array(128);
for (const [from, to] of ["0o", "1i", "2z", "3e", "4a", "5s", "6g", "7t", "8b", "9g", "@a", "$s", "!i", "|l", "+t"]) {
  LEET[from?.charCodeAt(0) ?? 0] = to?.charCodeAt(0) ?? 0;
}

/** Digits that stand for letters often enough to count as evidence (2, 6, 9 rarely do). */
function isLeetDigit(code: number): boolean {
  return (
    code === 0x30 || code === 0x31 || code === 0x33 || code === 0x34 || code === 0x35 || code === 0x37 || code === 0x38
  );
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function leetLetter(code: number): number {
  return code < 128 ? LEET[code] || code : code;
}

/** Hashes, colour codes and ids are hex; long ones are never leetspeak. */
const LONG_HEX = 8;
const LONGEST_TOKEN = 24;

/**
 * Evidence of leetspeak in the lowercase word text[from, to) of letters, digits and leet symbols:
 * 2 points when it folds to a known word ("1gn0r3" → "ignore", "4ll" → "all"), 1 when two leet
 * digits each sit alone between letters ("h4x0r"). Version numbers, units and ids ("gpt4",
 * "mp3", "x86", "2tb", "i18n", "a94a8fe5") fold to nothing known and have no such digits, so
 * they score nothing.
 */
export function leetEvidence(text: string, from: number, to: number): number {
  if (to - from < 3 || looksLikeId(text, from, to)) return 0;
  let hash = 0;
  let leet = 0;
  let flanked = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    hash = (hash * 31 + (isLetter(code) ? code : leetLetter(code))) | 0;
    if (!isLeetDigit(code)) continue;
    leet++;
    if (i > from && i + 1 < to && isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 1))) flanked++;
  }
  if (leet > 0 && to - from <= MAX_WORD && ENGLISH.has(hash)) return 2;
  return flanked >= 2 ? 1 : 0;
}

/** Characters that may sit inside a leetspeak word. */
function isLeetWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || (code < 128 && LEET[code] !== 0);
}

/**
 * Calls `visit` with each word [from, to) of `text` that foldLeet rewrites: letters mixed with
 * digits or leet symbols, not an id. `digits` counts its digits.
 */
export function forEachLeetWord(text: string, visit: (from: number, to: number, digits: number) => void): void {
  let i = 0;
  while (i < text.length) {
    if (!isLeetWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let letters = 0;
    let digits = 0;
    while (end < text.length && isLeetWordChar(text.charCodeAt(end))) {
      const code = text.charCodeAt(end++);
      if (isLetter(code)) letters++;
      else if (isDigit(code)) digits++;
    }
    if (letters >= 2 && letters < end - i && !looksLikeId(text, i, end)) visit(i, end, digits);
    i = end;
  }
}

/** Where foldLeet would change `text`: [from, to) pairs of the words it rewrites, in order. */
export function leetWords(text: string): number[] {
  const words: number[] = [];
  forEachLeetWord(text, (from, to) => {
    if (foldedWord(text, from, to) !== text.slice(from, to)) words.push(from, to);
  });
  return words;
}

/**
 * Folds digits and symbols to letters inside words that mix them with letters. A 1:1 rewrite,
 * so the maps are shared. Symbols are folded only inside a word, so "hello!" and "@name" keep
 * their punctuation.
 */
export function foldLeet(src: Mapped, findings: Findings): Mapped {
  const text = src.text;
  const out = new MappedBuilder();
  const spans: Span[] = [];
  let example = "";
  let copyFrom = 0;
  forEachLeetWord(text, (i, end, digits) => {
    out.copy(src, copyFrom, i);
    for (let k = i; k < end; k++) {
      const code = text.charCodeAt(k);
      const interior = k > i && k < end - 1;
      const folded = isDigit(code) || interior ? leetLetter(code) : code;
      out.push(folded, startOf(src, k), endOf(src, k));
    }
    copyFrom = end;
    if (digits > 0 && leetEvidence(text, i, end) > 0) {
      spans.push(originalRange(src, i, end));
      if (example === "") example = `${quote(text.slice(i, end))} reads ${quote(foldedWord(text, i, end))}`;
    }
  });
  out.copy(src, copyFrom, text.length);
  if (spans.length > 0) {
    findings.add("obfuscation/leetspeak", SCORES.folding, spans, `leetspeak: ${example}`);
  }
  return out.build();
}

function looksLikeId(text: string, from: number, to: number): boolean {
  if (to - from > LONGEST_TOKEN) return true;
  if (to - from < LONG_HEX) return false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code) && !(code >= 0x61 && code <= 0x66)) return false;
  }
  return true;
}

function foldedWord(text: string, from: number, to: number): string {
  const codes: number[] = [];
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    codes.push(isDigit(code) || (k > from && k < to - 1) ? leetLetter(code) : code);
  }
  return String.fromCharCode(...codes);
}
