/**
 * The classifier's features, shared by training (in the rampart package) and inference (here), so
 * the two can never drift apart. Text features are hashed n-grams of a view's text: character
 * 3-, 4- and 5-grams, and word unigrams and bigrams. Whitespace folds to one space and digits to
 * "0" first, so "step 1" and "step 7" are one feature. Every occurrence carries its range in the
 * view, which is what lets an attribution point at the words that moved the score.
 */

/** Occurrences per group (character n-grams, word n-grams): each group is weighted 1/√its count. */
export interface GroupCounts {
  readonly char: number;
  readonly word: number;
}

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;
// Distinct seeds per n-gram kind, so "abc" as a character trigram and "abc" as a word never collide by design.
export const TRIGRAM_SEED = 0x3c6ef372 | 0;
export const FOURGRAM_SEED = 0x1f83d9ab | 0;
export const FIVEGRAM_SEED = 0x5be0cd19 | 0;
export const WORD_SEED = 0x6a09e667 | 0;
export const BIGRAM_SEED = 0x510e527f | 0;

/**
 * Every feature occurrence of one text, in order (character n-grams, then word n-grams), kept in
 * reusable typed arrays: `hashes[i]` is a full 32-bit hash (a model masks it to its table size),
 * `groups[i]` 0 for a character n-gram and 1 for a word one, [starts[i], ends[i]) its range in the
 * text. Filled without a callback per n-gram, since this runs on every prompt.
 */
export class FeatureBuffer {
  hashes = new Int32Array(0);
  groups = new Uint8Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  length = 0;
  counts: GroupCounts = { char: 0, word: 0 };
  /** The text's code units folded once (whitespace, digits), since each is read by up to five n-grams. */
  private folded = new Uint16Array(0);

  fill(text: string): this {
    // At most 3 character n-grams per position and 2 word n-grams per word.
    this.reserve(4 * text.length + 2);
    if (this.folded.length < text.length) this.folded = new Uint16Array(text.length * 2);
    for (let i = 0; i < text.length; i++) this.folded[i] = foldChar(text.charCodeAt(i));
    this.length = 0;
    const char = this.fillCharGrams(text);
    const word = this.fillWordGrams(text);
    this.counts = { char, word };
    return this;
  }

  private fillCharGrams(text: string): number {
    const { hashes, groups, starts, ends, folded } = this;
    const length = text.length;
    let at = this.length;
    for (let i = 0; i + 3 <= length; i++) {
      let h = FNV_OFFSET;
      h = Math.imul(h ^ folded[i]!, FNV_PRIME);
      h = Math.imul(h ^ folded[i + 1]!, FNV_PRIME);
      h = Math.imul(h ^ folded[i + 2]!, FNV_PRIME);
      hashes[at] = mix(h ^ TRIGRAM_SEED);
      groups[at] = 0;
      starts[at] = i;
      ends[at++] = i + 3;
      if (i + 4 > length) continue;
      h = Math.imul(h ^ folded[i + 3]!, FNV_PRIME);
      hashes[at] = mix(h ^ FOURGRAM_SEED);
      groups[at] = 0;
      starts[at] = i;
      ends[at++] = i + 4;
      if (i + 5 > length) continue;
      h = Math.imul(h ^ folded[i + 4]!, FNV_PRIME);
      hashes[at] = mix(h ^ FIVEGRAM_SEED);
      groups[at] = 0;
      starts[at] = i;
      ends[at++] = i + 5;
    }
    const count = at - this.length;
    this.length = at;
    return count;
  }

  private fillWordGrams(text: string): number {
    const { hashes, groups, starts, ends, folded } = this;
    const length = text.length;
    let at = this.length;
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
        h = Math.imul(h ^ folded[i]!, FNV_PRIME);
        i++;
      }
      hashes[at] = mix(h ^ WORD_SEED);
      groups[at] = 1;
      starts[at] = start;
      ends[at++] = i;
      if (previousStart >= 0) {
        hashes[at] = mix(Math.imul(previousHash ^ BIGRAM_SEED, FNV_PRIME) ^ h);
        groups[at] = 1;
        starts[at] = previousStart;
        ends[at++] = i;
      }
      previousHash = h;
      previousStart = start;
    }
    const count = at - this.length;
    this.length = at;
    return count;
  }

  private reserve(size: number): void {
    if (this.hashes.length >= size) return;
    this.hashes = new Int32Array(size);
    this.groups = new Uint8Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }
}

/** Whitespace of any kind reads as a space and every ASCII digit as "0". */
export function foldChar(c: number): number {
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
export function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
