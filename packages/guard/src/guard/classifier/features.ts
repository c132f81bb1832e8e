/**
 * The classifier's features, shared by training (in the rampart package) and inference (here), so
 * the two can never drift apart. Text features are hashed n-grams of a view's text: character
 * 3-, 4- and 5-grams, and word unigrams and bigrams. Whitespace folds to one space and digits to
 * "0" first, so "step 1" and "step 7" are one feature. Every occurrence carries its range in the
 * view, which is what lets an attribution point at the words that moved the score.
 */

/** How the extractor groups features: each group is normalised by the square root of its own count. */
export const TEXT_GROUPS = ["char", "word"] as const;
export type TextGroup = (typeof TEXT_GROUPS)[number];

/** Receives every n-gram occurrence; `hash` is a full 32-bit value, masked to a table size by the model. */
export interface FeatureVisitor {
  gram(group: 0 | 1, hash: number, start: number, end: number): void;
}

export interface GroupCounts {
  readonly char: number;
  readonly word: number;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
// Distinct seeds per n-gram kind, so "abc" as a character trigram and "abc" as a word never collide by design.
const CHAR_SEED = [0, 0, 0, 0x3c6ef372, 0x1f83d9ab, 0x5be0cd19] as const;
const WORD_SEED = 0x6a09e667 | 0;
const BIGRAM_SEED = 0x510e527f | 0;

/** Walks every feature of `text` in order; returns how many occurrences each group had. */
export function visitFeatures(text: string, visitor: FeatureVisitor): GroupCounts {
  return { char: visitCharGrams(text, visitor), word: visitWordGrams(text, visitor) };
}

function visitCharGrams(text: string, visitor: FeatureVisitor): number {
  const length = text.length;
  let count = 0;
  for (let i = 0; i + 3 <= length; i++) {
    let h = FNV_OFFSET;
    h = Math.imul(h ^ foldChar(text.charCodeAt(i)), FNV_PRIME);
    h = Math.imul(h ^ foldChar(text.charCodeAt(i + 1)), FNV_PRIME);
    h = Math.imul(h ^ foldChar(text.charCodeAt(i + 2)), FNV_PRIME);
    visitor.gram(0, mix(h ^ CHAR_SEED[3]), i, i + 3);
    count++;
    if (i + 4 > length) continue;
    h = Math.imul(h ^ foldChar(text.charCodeAt(i + 3)), FNV_PRIME);
    visitor.gram(0, mix(h ^ CHAR_SEED[4]), i, i + 4);
    count++;
    if (i + 5 > length) continue;
    h = Math.imul(h ^ foldChar(text.charCodeAt(i + 4)), FNV_PRIME);
    visitor.gram(0, mix(h ^ CHAR_SEED[5]), i, i + 5);
    count++;
  }
  return count;
}

function visitWordGrams(text: string, visitor: FeatureVisitor): number {
  const length = text.length;
  let count = 0;
  let previousHash = 0;
  let previousStart = -1;
  let i = 0;
  while (i < length) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      h = Math.imul(h ^ foldChar(c), FNV_PRIME);
      i++;
    }
    visitor.gram(1, mix(h ^ WORD_SEED), start, i);
    count++;
    if (previousStart >= 0) {
      visitor.gram(1, mix(Math.imul(previousHash ^ BIGRAM_SEED, FNV_PRIME) ^ h), previousStart, i);
      count++;
    }
    previousHash = h;
    previousStart = start;
  }
  return count;
}

/** Whitespace of any kind reads as a space and every ASCII digit as "0". */
function foldChar(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a)) return 32;
  return c;
}

/**
 * Letters and digits of any script. Punctuation and symbol blocks outside ASCII count as
 * separators; scripts written without spaces yield one long "word", which the character n-grams
 * cover instead.
 */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95;
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c >= 0xfe00 && c <= 0xfe6f) return false;
  return !(c >= 0xff00 && c <= 0xff20);
}

/** Murmur3's finaliser: spreads the FNV state over all 32 bits before it is masked to a table size. */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Every occurrence of one text, kept in reusable typed arrays, so scoring and explaining loop over
 * numbers instead of calling back per n-gram, and an explanation does not hash the text again.
 */
export class FeatureBuffer implements FeatureVisitor {
  hashes = new Int32Array(4096);
  groups = new Uint8Array(4096);
  starts = new Int32Array(4096);
  ends = new Int32Array(4096);
  length = 0;
  counts: GroupCounts = { char: 0, word: 0 };

  fill(text: string): this {
    this.length = 0;
    this.counts = visitFeatures(text, this);
    return this;
  }

  gram(group: 0 | 1, hash: number, start: number, end: number): void {
    if (this.length === this.hashes.length) this.grow();
    const at = this.length++;
    this.hashes[at] = hash;
    this.groups[at] = group;
    this.starts[at] = start;
    this.ends[at] = end;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const groups = new Uint8Array(size);
    groups.set(this.groups);
    this.groups = groups;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
  }
}
