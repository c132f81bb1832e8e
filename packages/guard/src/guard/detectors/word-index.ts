import type { View } from "../views/view.js";

/*
 * Where words begin, by their first three characters, computed once per view and shared by every
 * detector. A regex alternation of a few hundred phrases costs 20-60 ns per character in V8 (it
 * tries every alternative at every position); walking the text once and looking prefixes up in a
 * table costs a few, after which each detector tries its full pattern only where one of its
 * phrases can start.
 *
 * Scripts that do not separate words with spaces (Chinese, Japanese, Korean with its attached
 * particles, Thai) are not indexed; detectors fall back to a regex over the views that contain them.
 */

export const KEY_LENGTH = 3;

/** Registered prefix keys: only words starting with one of them are recorded. */
const wanted = new Set<number>();
let wantedVersion = 0;

/**
 * The word indexes of one check's views. Every detector of a check asks for the same few views,
 * so the guard makes one per check and passes it along in the ScanInput: nothing is kept between
 * checks, and concurrent checks share nothing.
 */
export class WordIndex {
  private readonly views: View[] = [];
  private readonly indexes: { version: number; starts: ReadonlyMap<number, readonly number[]> }[] = [];

  startsOf(view: View): ReadonlyMap<number, readonly number[]> {
    const k = this.views.indexOf(view);
    const cached = k < 0 ? undefined : this.indexes[k];
    if (cached !== undefined && cached.version === wantedVersion) return cached.starts;
    const index = { version: wantedVersion, starts: indexWords(view.text) };
    if (k < 0) {
      this.views.push(view);
      this.indexes.push(index);
    } else {
      this.indexes[k] = index;
    }
    return index.starts;
  }
}

/**
 * A word's key: its first KEY_LENGTH UTF-16 units (shorter words pad with 0) folded into a small
 * integer, which V8 hashes fastest. Distinct for ASCII; a rare collision elsewhere only costs one
 * wasted pattern attempt.
 */
export function keyOf(word: string): number {
  let key = 0;
  for (let i = 0; i < KEY_LENGTH; i++) key = mix(key, i < word.length ? word.charCodeAt(i) : 0);
  return key;
}

function mix(key: number, code: number): number {
  return ((key << 10) ^ code) & 0x3fffffff;
}

export function registerKeys(keys: Iterable<number>): void {
  for (const key of keys) wanted.add(key);
  wantedVersion++;
}

/**
 * For every registered key found in `view`, the start offsets of its words, ascending; from the
 * check's index when one is given.
 */
export function wordStarts(view: View, words?: WordIndex): ReadonlyMap<number, readonly number[]> {
  return words === undefined ? indexWords(view.text) : words.startsOf(view);
}

function indexWords(text: string): Map<number, number[]> {
  const starts = new Map<number, number[]>();
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (!isIndexedLetter(code)) {
      i++;
      continue;
    }
    record(starts, text, i, length);
    // Arabic writes "and", "so", "with" as one-letter prefixes: also index the word behind them.
    if ((code === 0x648 || code === 0x641) && i + 1 < length && isIndexedLetter(text.charCodeAt(i + 1))) {
      record(starts, text, i + 1, length);
    }
    i++;
    while (i < length && isWordPart(text.charCodeAt(i))) i++;
  }
  return starts;
}

function record(starts: Map<number, number[]>, text: string, at: number, length: number): void {
  let key = 0;
  let inWord = true;
  for (let k = 0; k < KEY_LENGTH; k++) {
    const code = inWord && at + k < length ? text.charCodeAt(at + k) : 0;
    if (code === 0 || !isWordPart(code)) inWord = false;
    key = mix(key, inWord ? code : 0);
  }
  if (!wanted.has(key)) return;
  const list = starts.get(key);
  if (list === undefined) starts.set(key, [at]);
  else list.push(at);
}

/** Letters of the space-separated scripts the index covers, and digits. */
export function isIndexedLetter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return (
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x370 && code <= 0x52f) || // Greek, Cyrillic
    (code >= 0x600 && code <= 0x6ff) || // Arabic
    (code >= 0x900 && code <= 0x9ff) || // Devanagari, Bengali
    (code >= 0x1e00 && code <= 0x1eff) // Latin extended additional (Vietnamese)
  );
}

/** What may continue a word: letters, combining marks, apostrophes ("don't", "d’ora"), underscore. */
export function isWordPart(code: number): boolean {
  return isIndexedLetter(code) || (code >= 0x300 && code <= 0x36f) || code === 0x27 || code === 0x2019 || code === 0x5f;
}

/** Characters of the scripts the index leaves out; views holding any get the regex fallback. */
export const UNSPACED =
  /[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
