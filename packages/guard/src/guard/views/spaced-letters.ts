import type { Span } from "../../core/signal.js";
import { ENGLISH, MAX_WORD } from "./english-words.js";
import { type Findings, quote, SCORES } from "./findings.js";
import { leetLetter } from "./leetspeak.js";
import { endOf, type Mapped, MappedBuilder, originalRange, startOf } from "./mapped.js";

/** Letters this far apart with the same separator spell a word ("i g n o r e", "i.g.n.o.r.e"). */
export const MIN_SPACED = 4;
const MIN_SPACED_LETTERS = 3;
const MAX_SEPARATOR = 3;
const MIN_UNREADABLE = 8;
/** Word splitting is quadratic in the run; longer runs stay joined without spaces. */
const MAX_SEGMENTED = 96;

function isSeparatorChar(code: number): boolean {
  // Commas, pluses and equals signs separate lists and formulas ("a, b, c, d"), not letters.
  return (
    code === 0x20 ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x2a ||
    code === 0x2f ||
    code === 0x7c ||
    code === 0x7e ||
    code === 0x27 ||
    code === 0x60
  );
}

export function isSeparator(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > MAX_SEPARATOR) return false;
  for (let i = from; i < to; i++) if (!isSeparatorChar(text.charCodeAt(i))) return false;
  return true;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

export interface SpacedRun {
  /** Index of each single character, in order. */
  readonly at: number[];
  readonly separator: string;
  readonly letters: number;
}

/**
 * Runs of single letters or digits with one separator repeated between them, in the lowercase
 * text. A run long enough to be evidence makes its separator suspect, and shorter runs with the
 * same separator ("a-l-l" after "i-g-n-o-r-e") are returned with it.
 */
export function findSpacedRuns(text: string): SpacedRun[] {
  const runs: SpacedRun[] = [];
  let at: number[] = [];
  let separator = "";
  let letters = 0;
  const close = () => {
    if (at.length === 0) return;
    if (at.length >= 2) runs.push({ at, separator, letters });
    at = [];
    letters = 0;
  };
  let i = 0;
  while (i < text.length) {
    if (!isAlphanumeric(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isAlphanumeric(text.charCodeAt(end))) end++;
    if (end - i !== 1) {
      close();
      i = end;
      continue;
    }
    const previous = at.length > 0 ? (at[at.length - 1] ?? 0) : -1;
    const continues =
      previous >= 0 &&
      isSeparator(text, previous + 1, i) &&
      (at.length === 1 || (i - previous - 1 === separator.length && text.startsWith(separator, previous + 1)));
    if (!continues) close();
    else if (at.length === 1) separator = text.slice(previous + 1, i);
    at.push(i);
    if (isLetter(text.charCodeAt(i))) letters++;
    i = end;
  }
  close();
  const suspect = new Set(runs.filter((r) => spellsSomething(text, r)).map((r) => r.separator));
  return runs.filter((r) => suspect.has(r.separator));
}

/**
 * A run is evidence when it spells known words, or is too long to be an acronym or a list of
 * notes or options ("S.M.A.R.T.", "C-E-G-B", "G - A - T - O" spell nothing and stay as they are).
 */
function spellsSomething(text: string, run: SpacedRun): boolean {
  if (run.at.length < MIN_SPACED || run.letters < MIN_SPACED_LETTERS) return false;
  return run.at.length >= MIN_UNREADABLE || segment(run.at.map((k) => leetLetter(text.charCodeAt(k)))) !== null;
}

/**
 * Joins each run into a word. Digits in a run are read as leetspeak ("1 g n 0 r 3"), and a run
 * that spells several known words gets spaces back, each mapped to the separator it replaces.
 */
export function joinSpacedRuns(src: Mapped, runs: readonly SpacedRun[], findings: Findings): Mapped {
  const text = src.text;
  const out = new MappedBuilder();
  const spans: Span[] = [];
  let example = "";
  let copyFrom = 0;
  for (const run of runs) {
    const first = run.at[0] ?? 0;
    const last = run.at[run.at.length - 1] ?? first;
    out.copy(src, copyFrom, first);
    const letters = run.at.map((k) => leetLetter(text.charCodeAt(k)));
    const breaks = segment(letters);
    run.at.forEach((k, n) => {
      if (breaks !== null && breaks[n] === 1) {
        const range = originalRange(src, (run.at[n - 1] ?? k) + 1, k);
        out.push(0x20, range.start, range.end);
      }
      out.push(letters[n] ?? 0, startOf(src, k), endOf(src, k));
    });
    copyFrom = last + 1;
    spans.push(originalRange(src, first, last + 1));
    if (example === "" && run.at.length >= MIN_SPACED) {
      example = `letters spaced out with ${JSON.stringify(run.separator)} spell ${quote(String.fromCharCode(...letters.slice(0, 80)))}`;
    }
  }
  out.copy(src, copyFrom, text.length);
  findings.add("obfuscation/spaced-letters", SCORES.folding, spans, example);
  return out.build();
}

/**
 * Where to put spaces so every piece is a known word, using as few words as possible; null when
 * the letters cannot be read that way. breaks[n] = 1 puts a space before letter n.
 */
function segment(letters: readonly number[]): Uint8Array | null {
  const n = letters.length;
  if (n > MAX_SEGMENTED) return null;
  const breaks = new Uint8Array(n);
  const words = new Int32Array(n + 1).fill(n + 1);
  const from = new Int32Array(n + 1);
  words[0] = 0;
  for (let end = 1; end <= n; end++) {
    let hash = 0;
    let power = 1;
    for (let start = end - 1; start >= 0 && end - start <= MAX_WORD; start--) {
      hash = (hash + (letters[start] ?? 0) * power) | 0;
      power = (power * 31) | 0;
      const candidate = (words[start] ?? n + 1) + 1;
      if (candidate < (words[end] ?? 0) && ENGLISH.has(hash)) {
        words[end] = candidate;
        from[end] = start;
      }
    }
  }
  if ((words[n] ?? n + 1) > n) return null;
  for (let end = n; end > 0; end = from[end] ?? 0) {
    const start = from[end] ?? 0;
    if (start > 0) breaks[start] = 1;
  }
  return breaks;
}
