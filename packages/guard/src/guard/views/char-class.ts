/** Letter, mark or digit of any script: part of a word. */
export const WORD = 1;
/** May join the character before it under normalisation (marks, Hangul vowel/final jamo, …). */
export const COMBINING = 2;
/** NFKC rewrites it on its own. */
export const UNSTABLE = 4;
/** A default-ignorable code point: renders as nothing. */
export const INVISIBLE = 8;

const WORD_RE = /^[\p{L}\p{M}\p{N}]$/u;
const MARK_RE = /^\p{M}$/u;

/**
 * Unicode's Default_Ignorable_Code_Point set as ranges (stable since Unicode 6; tags,
 * variation selectors and the bidi controls are all in it).
 */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];

/** Starters that still compose with what precedes them, or decompose to something that does. */
function joinsPrevious(cp: number): boolean {
  return (
    (cp >= 0x1160 && cp <= 0x11ff) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff) ||
    cp === 0xff9e ||
    cp === 0xff9f ||
    cp === 0x0e33 ||
    cp === 0x0eb3
  );
}

function isInvisible(cp: number): boolean {
  for (const [low, high] of INVISIBLE_RANGES) if (cp >= low && cp <= high) return true;
  return false;
}

function classify(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;
  const char = String.fromCodePoint(cp);
  let flags = 0;
  if (WORD_RE.test(char)) flags |= WORD;
  if (MARK_RE.test(char) || joinsPrevious(cp)) flags |= COMBINING;
  if (char.normalize("NFKC") !== char) flags |= UNSTABLE;
  if (isInvisible(cp)) flags |= INVISIBLE;
  return flags;
}

/**
 * Flags are computed per 256-code-point block on first use (a regex test and a normalisation per
 * code point, ~0.1 ms a block) and kept: the engine's Unicode tables without shipping our own.
 */
const bmpBlocks: (Uint8Array | undefined)[] = new Array(256);
const astralBlocks = new Map<number, Uint8Array>();

function buildBlock(index: number): Uint8Array {
  const table = new Uint8Array(256);
  const base = index << 8;
  for (let i = 0; i < 256; i++) table[i] = classify(base + i);
  return table;
}

export function charFlags(cp: number): number {
  // The two largest plain-letter blocks, answered without building 180 tables for CJK text.
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3)) return WORD;
  const index = cp >> 8;
  let table = index < 256 ? bmpBlocks[index] : astralBlocks.get(index);
  if (table === undefined) {
    table = buildBlock(index);
    if (index < 256) bmpBlocks[index] = table;
    else astralBlocks.set(index, table);
  }
  return table[cp & 0xff] ?? 0;
}

/** ASCII letter (either case) or digit. */
export function isAsciiAlphanumeric(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}
