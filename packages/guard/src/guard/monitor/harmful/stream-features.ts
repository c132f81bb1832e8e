import {
  BIGRAM_SEED,
  FIVEGRAM_SEED,
  FNV_OFFSET,
  FNV_PRIME,
  FOURGRAM_SEED,
  foldChar,
  isWordChar,
  mix,
  TRIGRAM_SEED,
  WORD_SEED,
} from "../../classifier/features.js";

/**
 * The classifier's n-gram features (see `FeatureBuffer`) of a text that arrives in pieces, on its
 * lower-cased characters. Each push yields the n-grams the new piece completes: a character n-gram
 * once its last character arrives, a word once a separator (or `end()`) closes it. However a text
 * is cut, the n-grams over all pushes are those of the whole text, so a model trained on whole or
 * cut texts reads a stream exactly as it was trained. The state carried between pushes is five
 * numbers of character history and two words' hashes.
 */
export class StreamFeatures {
  /** Hashes of the n-grams completed by the last push (or end), valid until the next call. */
  hashes = new Int32Array(64);
  /** 0 for a character n-gram, 1 for a word n-gram. */
  groups = new Uint8Array(64);
  length = 0;
  /** Occurrences so far, per group, over the whole stream. */
  charCount = 0;
  wordCount = 0;
  /** Characters pushed so far. */
  position = 0;

  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private c4 = 0;
  private wordHash = FNV_OFFSET;
  private inWord = false;
  private previousWordHash = 0;
  private hasPreviousWord = false;

  push(text: string): this {
    this.reserve(5 * text.length + 2);
    this.length = 0;
    for (let i = 0; i < text.length; i++) this.read(text.charCodeAt(i));
    return this;
  }

  /** The stream is complete: closes the word it ended in. */
  end(): this {
    this.length = 0;
    if (this.inWord) this.closeWord();
    return this;
  }

  private read(raw: number): void {
    const lower = lowerCase(raw);
    const c = foldChar(lower);
    const p = this.position++;
    if (p >= 2) {
      let h = Math.imul(FNV_OFFSET ^ this.c2, FNV_PRIME);
      h = Math.imul(h ^ this.c1, FNV_PRIME);
      h = Math.imul(h ^ c, FNV_PRIME);
      this.emit(mix(h ^ TRIGRAM_SEED), 0);
      if (p >= 3) {
        h = Math.imul(FNV_OFFSET ^ this.c3, FNV_PRIME);
        h = Math.imul(h ^ this.c2, FNV_PRIME);
        h = Math.imul(h ^ this.c1, FNV_PRIME);
        h = Math.imul(h ^ c, FNV_PRIME);
        this.emit(mix(h ^ FOURGRAM_SEED), 0);
      }
      if (p >= 4) {
        h = Math.imul(FNV_OFFSET ^ this.c4, FNV_PRIME);
        h = Math.imul(h ^ this.c3, FNV_PRIME);
        h = Math.imul(h ^ this.c2, FNV_PRIME);
        h = Math.imul(h ^ this.c1, FNV_PRIME);
        h = Math.imul(h ^ c, FNV_PRIME);
        this.emit(mix(h ^ FIVEGRAM_SEED), 0);
      }
    }
    this.c4 = this.c3;
    this.c3 = this.c2;
    this.c2 = this.c1;
    this.c1 = c;
    if (isWordChar(lower)) {
      this.wordHash = Math.imul((this.inWord ? this.wordHash : FNV_OFFSET) ^ c, FNV_PRIME);
      this.inWord = true;
    } else if (this.inWord) {
      this.closeWord();
    }
  }

  private closeWord(): void {
    const h = this.wordHash;
    this.emit(mix(h ^ WORD_SEED), 1);
    if (this.hasPreviousWord) this.emit(mix(Math.imul(this.previousWordHash ^ BIGRAM_SEED, FNV_PRIME) ^ h), 1);
    this.previousWordHash = h;
    this.hasPreviousWord = true;
    this.inWord = false;
  }

  private emit(hash: number, group: number): void {
    this.hashes[this.length] = hash;
    this.groups[this.length++] = group;
    if (group === 0) this.charCount++;
    else this.wordCount++;
  }

  private reserve(size: number): void {
    if (this.hashes.length >= size) return;
    this.hashes = new Int32Array(size);
    this.groups = new Uint8Array(size);
  }

  /** True while the stream ends inside a word that no separator has closed yet. */
  get midWord(): boolean {
    return this.inWord;
  }
}

/** Lower case without changing the length, so positions stay those of the original output. */
export function lowerCase(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const lowered = String.fromCharCode(c).toLowerCase();
  return lowered.length === 1 ? lowered.charCodeAt(0) : c;
}

/** `lowerCase` over a whole text: the text the stream's n-grams are taken from. */
export function lowerCaseText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(lowerCase(text.charCodeAt(i)));
  return out;
}
