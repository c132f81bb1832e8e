import { decodeBase64, encodeBase64 } from "./base64.js";
import { fmix32 } from "./hash32.js";
import { encodeUtf8 } from "./utf8.js";

/**
 * MinHash sketches of a text's word 3-shingles, for estimating the Jaccard similarity of two texts.
 *
 * One-permutation hashing (Li, Owen & Zhang 2012): each shingle is hashed once and its hash picks a
 * bin by its top bits, so sketching costs one hash per shingle however many bins there are, where
 * classic MinHash costs one per shingle per hash function. Bins no shingle fell into borrow from
 * their nearest filled neighbour in a fixed random direction (Shrivastava & Li 2014, "improved
 * densification"), which keeps the estimate unbiased for short texts.
 *
 * A sketch is MINHASH_BINS uint32 values; its wire form is base64 of them little-endian. The
 * hashing and seeds are part of that format: changing them invalidates every published signature.
 */

export const MINHASH_BINS = 128;
export const SHINGLE_WORDS = 3;

const BIN_BITS = 7;
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;
/** Borrowed values are offset by distance × this, so they never equal a genuine minimum. */
const BORROW_STEP = VALUE_MASK + 1;
const EMPTY = 0xffffffff;
const SEED = 0x5241_4d50;

/** 1 where an empty bin borrows from the right, 0 from the left: fixed, so sketches stay comparable. */
const BORROW_RIGHT = Uint8Array.from({ length: MINHASH_BINS }, (_, i) => fmix32(i ^ SEED) & 1);

/**
 * Per-byte hash input, 0 for bytes that separate words: ASCII other than letters and digits. Upper
 * and lower case share a value, so raw and canonical text sketch alike. Bytes of multi-byte UTF-8
 * sequences are word bytes unless the sequence encodes punctuation (see isSeparatorSequence).
 */
const BYTE_HASH = Int32Array.from({ length: 256 }, (_, b) => {
  const lower = b >= 65 && b <= 90 ? b | 32 : b;
  const word = (lower >= 48 && lower <= 57) || (lower >= 97 && lower <= 122) || b >= 0x80;
  return word ? (fmix32(lower ^ SEED) >>> 1) | 1 : 0;
});

/** Word hashes of the text being sketched; kept between calls up to this many entries. */
const RETAINED_WORDS = 1 << 18;
let scratchWords = new Int32Array(1024);

/**
 * Writes the sketch of `text` into `out` (allocated when omitted) and returns it, or returns
 * undefined when the text has no words. A text of fewer than SHINGLE_WORDS words is one shingle.
 */
export function minhash(text: string, out: Uint32Array = new Uint32Array(MINHASH_BINS)): Uint32Array | undefined {
  const { bytes, length } = encodeUtf8(text);
  return minhashUtf8(bytes, length, out);
}

/** minhash over UTF-8 bytes[0, length), for callers that already hold the encoding. */
export function minhashUtf8(bytes: Uint8Array, length: number, out: Uint32Array): Uint32Array | undefined {
  const capacity = (length >> 1) + 2;
  let w = scratchWords;
  if (w.length < capacity) {
    w = new Int32Array(capacity);
    if (capacity <= RETAINED_WORDS) scratchWords = w;
  }
  const count = splitWords(bytes, length, w);
  if (count === 0) return undefined;
  out.fill(EMPTY);
  if (count < SHINGLE_WORDS) {
    add(out, shingle(0, count === 2 ? w[0]! : 0, w[count - 1]!));
  } else {
    for (let i = SHINGLE_WORDS - 1; i < count; i++) add(out, shingle(w[i - 2]!, w[i - 1]!, w[i]!));
  }
  densify(out);
  return out;
}

/** Fraction of bins two sketches agree on: an estimate of the Jaccard similarity of their shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array, bOffset = 0): number {
  let same = 0;
  for (let i = 0; i < MINHASH_BINS; i++) if (a[i] === b[bOffset + i]) same++;
  return same / MINHASH_BINS;
}

export function encodeMinHash(sketch: Uint32Array): string {
  const bytes = new Uint8Array(MINHASH_BINS * 4);
  for (let i = 0; i < MINHASH_BINS; i++) {
    const v = sketch[i]!;
    bytes[4 * i] = v;
    bytes[4 * i + 1] = v >>> 8;
    bytes[4 * i + 2] = v >>> 16;
    bytes[4 * i + 3] = v >>> 24;
  }
  return encodeBase64(bytes);
}

/** The sketch `text` encodes, or undefined unless it is base64 of exactly MINHASH_BINS uint32 values. */
export function decodeMinHash(text: string): Uint32Array | undefined {
  const bytes = decodeBase64(text);
  if (bytes === undefined || bytes.length !== MINHASH_BINS * 4) return undefined;
  const sketch = new Uint32Array(MINHASH_BINS);
  for (let i = 0; i < MINHASH_BINS; i++) {
    sketch[i] =
      (bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24)) >>> 0;
  }
  return sketch;
}

/**
 * Hashes each word into `w` (room for length / 2 + 2 entries) and returns how many there are. A
 * word's hash rotates left by 7 and mixes in each byte's BYTE_HASH (a cyclic polynomial hash). The
 * loop is branch-free per byte (a word ends where a word byte meets a separator) because word
 * boundaries are too frequent and irregular for a branch predictor, and this loop is most of the
 * cost of sketching a prompt.
 */
function splitWords(bytes: Uint8Array, length: number, w: Int32Array): number {
  const table = BYTE_HASH;
  let count = 0;
  let word = 0;
  let wasInWord = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i]!;
    let t = table[b]!;
    if (b >= 0xc2 && isSeparatorSequence(bytes, i, b)) {
      t = 0;
      i += b >= 0xe0 ? 2 : 1;
    }
    const inWord = (t | -t) >>> 31;
    w[count] = word;
    count += wasInWord & (inWord ^ 1);
    word = (((word << 7) | (word >>> 25)) ^ t) & -inWord;
    wasInWord = inWord;
  }
  w[count] = word;
  return count + wasInWord;
}

/**
 * Whether the UTF-8 sequence at bytes[i] (lead byte b) encodes punctuation: Latin-1 punctuation
 * and symbols (U+0080–U+00BF, ×, ÷), general punctuation (U+2000–U+206F), CJK punctuation
 * (U+3000–U+303F) or fullwidth ASCII punctuation (U+FF00–U+FF0F). Other scripts' letters, digits
 * and emoji are word characters.
 */
function isSeparatorSequence(bytes: Uint8Array, i: number, b: number): boolean {
  const next = bytes[i + 1]!;
  if (b === 0xc2) return true;
  if (b === 0xc3) return next === 0x97 || next === 0xb7;
  if (b === 0xe2) return next === 0x80 || next === 0x81;
  if (b === 0xe3) return next === 0x80;
  if (b === 0xef) return next === 0xbc && bytes[i + 2]! <= 0x8f;
  return false;
}

/** Hash of three consecutive word hashes, order-sensitive; the finaliser spreads it over all bits. */
function shingle(a: number, b: number, c: number): number {
  return fmix32((Math.imul(a, 0xcc9e2d51) + Math.imul(b, 0x1b873593) + c) ^ SEED);
}

function add(bins: Uint32Array, hash: number): void {
  const bin = hash >>> (32 - BIN_BITS);
  const value = hash & VALUE_MASK;
  if (value < bins[bin]!) bins[bin] = value;
}

/** Fills each empty bin from the nearest genuine one in its direction, offset by the distance. */
function densify(bins: Uint32Array): void {
  const n = MINHASH_BINS;
  let source = 0;
  let distance = 0;
  for (let step = 2 * n - 1; step >= 0; step--) {
    const i = step % n;
    if (bins[i]! <= VALUE_MASK) {
      source = bins[i]!;
      distance = 0;
    } else {
      distance++;
      if (step < n && BORROW_RIGHT[i] === 1) bins[i] = source + distance * BORROW_STEP;
    }
  }
  for (let step = 0; step < 2 * n; step++) {
    const i = step % n;
    if (bins[i]! <= VALUE_MASK) {
      source = bins[i]!;
      distance = 0;
    } else {
      distance++;
      if (step >= n && BORROW_RIGHT[i] === 0) bins[i] = source + distance * BORROW_STEP;
    }
  }
}
