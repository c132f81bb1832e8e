import type { Signal } from "../../core/signal.js";
import type { ScanInput } from "../detectors/detector.js";
import { toOriginalSpan, type View } from "../views/view.js";
import { fmix32 } from "./hash32.js";
import { MINHASH_BINS, minhashUtf8, similarity } from "./minhash.js";
import { PostingTable } from "./posting-table.js";
import { type ReadSet, readSignatureSet } from "./read-set.js";
import { SHA256_PADDING, sha256Utf8 } from "./sha256.js";
import type { ExactSignature, FuzzySignature, SignatureSet } from "./signature-set.js";
import { encodeUtf8 } from "./utf8.js";

/**
 * LSH banding over the sketch: a fuzzy signature becomes a candidate when any band of BAND_ROWS
 * consecutive bins equals the input's. With 64 bands of 2 rows the chance of that is
 * 1 − (1 − J²)⁶⁴ for Jaccard similarity J: 0.93 at J = 0.2, 0.998 at 0.3, 0.15 at 0.05, so the
 * starter set's calibrated threshold of 0.2 is found (docs/signatures.md; 4 rows would find only
 * 0.05 of it) while text with the similarity of unrelated prompts mostly is not compared at all.
 */
export const BAND_ROWS = 2;
export const BANDS = MINHASH_BINS / BAND_ROWS;

/**
 * Bounds on the work one view's lookup may do, whatever the set holds: a band shared by many
 * signatures (a common boilerplate paragraph) is read only this far, and at most this many
 * distinct signatures are compared in full.
 */
export const MAX_POSTINGS_PER_BAND = 16;
export const MAX_CANDIDATES = 64;

export const EXACT_SCORE = 0.95;
const FUZZY_SCORE_MIN = 0.85;
const FUZZY_SCORE_MAX = 0.95;

/** Work done by the most recent match(), for tests and benchmarks to assert that lookups stay bounded. */
export interface LookupStats {
  /** Views sketched and hashed. */
  readonly views: number;
  /** Band postings read. */
  readonly postings: number;
  /** Distinct fuzzy signatures whose sketches were compared with the input's. */
  readonly candidates: number;
}

/**
 * Immutable lookup structure built from a signature set; swapped whole on hot reload. Each
 * scanned view is encoded once, then hashed (SHA-256, for exact signatures) and sketched
 * (MinHash, for fuzzy ones): one map lookup and BANDS table lookups, whatever the set's size.
 * The only state that changes is scratch space and the counters of the last lookup.
 */
export class SignatureIndex {
  readonly size: number;
  private readonly exactByHash = new Map<string, ExactSignature[]>();
  private readonly fuzzy: readonly FuzzySignature[];
  private readonly sketches: Uint32Array;
  private readonly thresholds: Float64Array;
  private readonly bands: PostingTable;
  /** seen[i] === stamp when fuzzy[i] was already compared in the current view's lookup. */
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly sketch = new Uint32Array(MINHASH_BINS);
  private stats: LookupStats = { views: 0, postings: 0, candidates: 0 };

  private constructor(read: ReadSet) {
    this.size = read.exact.length + read.fuzzy.length;
    for (const signature of read.exact) {
      const same = this.exactByHash.get(signature.sha256);
      if (same === undefined) this.exactByHash.set(signature.sha256, [signature]);
      else same.push(signature);
    }
    this.fuzzy = read.fuzzy;
    this.sketches = read.sketches;
    this.thresholds = read.thresholds;
    this.seen = new Int32Array(read.fuzzy.length);
    const keys = new Int32Array(read.fuzzy.length * BANDS);
    const owners = new Int32Array(read.fuzzy.length * BANDS);
    for (let i = 0; i < read.fuzzy.length; i++) {
      for (let band = 0; band < BANDS; band++) {
        keys[i * BANDS + band] = bandKey(read.sketches, i * MINHASH_BINS, band);
        owners[i * BANDS + band] = i;
      }
    }
    this.bands = PostingTable.build(keys, owners);
  }

  /** Checks and indexes a set; throws SignatureSetError, naming every problem, when it is malformed. */
  static from(set: SignatureSet): SignatureIndex {
    return new SignatureIndex(readSignatureSet(set));
  }

  get lookupStats(): LookupStats {
    return this.stats;
  }

  /**
   * Signals for every view: the canonical text, and the renderings where a known attack would
   * hide (leetspeak folded, base64 decoded, …), which the canonicaliser produces only when it sees
   * such obfuscation and bounds in total size. At most one signal per signature, and the best
   * fuzzy match per view. A view whose text was already scanned is skipped.
   */
  match(input: ScanInput): Signal[] {
    const signals: Signal[] = [];
    const matched: string[] = [];
    let views = 0;
    let postings = 0;
    let candidates = 0;
    input.views.forEach((view, index) => {
      if (view.text.length === 0 || scannedBefore(input.views, index)) return;
      views++;
      const { bytes, length } = encodeUtf8(view.text, SHA256_PADDING);
      if (this.fuzzy.length > 0) {
        const sketch = minhashUtf8(bytes, length, this.sketch);
        if (sketch !== undefined) {
          const found = this.bestFuzzy(sketch);
          postings += found.postings;
          candidates += found.candidates;
          if (found.index >= 0) {
            const signature = this.fuzzy[found.index]!;
            if (!matched.includes(signature.id)) {
              matched.push(signature.id);
              signals.push(fuzzySignal(signature, found.similarity, this.thresholds[found.index]!, view));
            }
          }
        }
      }
      if (this.exactByHash.size > 0) {
        for (const signature of this.exactByHash.get(sha256Utf8(bytes, length)) ?? []) {
          if (matched.includes(signature.id)) continue;
          matched.push(signature.id);
          signals.push(exactSignal(signature, view));
        }
      }
    });
    this.stats = { views, postings, candidates };
    return signals;
  }

  private bestFuzzy(sketch: Uint32Array): { index: number; similarity: number; postings: number; candidates: number } {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const { starts, values } = this.bands;
    let best = -1;
    let bestSimilarity = 0;
    let postings = 0;
    let candidates = 0;
    for (let band = 0; band < BANDS && candidates < MAX_CANDIDATES; band++) {
      const group = this.bands.group(bandKey(sketch, 0, band));
      if (group < 0) continue;
      const end = Math.min(starts[group + 1]!, starts[group]! + MAX_POSTINGS_PER_BAND);
      for (let p = starts[group]!; p < end && candidates < MAX_CANDIDATES; p++) {
        postings++;
        const i = values[p]!;
        if (this.seen[i] === stamp) continue;
        this.seen[i] = stamp;
        candidates++;
        const s = similarity(sketch, this.sketches, i * MINHASH_BINS);
        if (s >= this.thresholds[i]! && s > bestSimilarity) {
          best = i;
          bestSimilarity = s;
        }
      }
    }
    return { index: best, similarity: bestSimilarity, postings, candidates };
  }
}

function scannedBefore(views: readonly View[], index: number): boolean {
  for (let i = 0; i < index; i++) if (views[i]!.text === views[index]!.text) return true;
  return false;
}

function bandKey(sketches: Uint32Array, offset: number, band: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1);
  for (let r = offset + band * BAND_ROWS, end = r + BAND_ROWS; r < end; r++) {
    h = Math.imul(h ^ sketches[r]!, 0x85ebca6b);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h);
}

function where(view: View): string {
  return view.depth === 0 ? "the canonical text" : `the text decoded as ${view.name}`;
}

function exactSignal(signature: ExactSignature, view: View): Signal {
  return {
    detector: "signatures/exact",
    category: signature.category,
    score: EXACT_SCORE,
    spans: [toOriginalSpan(view, 0, view.text.length)],
    reason: `${where(view)} is identical to known attack ${signature.id}: ${signature.description}`,
  };
}

/** Scores rise from FUZZY_SCORE_MIN at the signature's threshold to FUZZY_SCORE_MAX at identity. */
function fuzzySignal(signature: FuzzySignature, similar: number, threshold: number, view: View): Signal {
  const above = threshold < 1 ? (similar - threshold) / (1 - threshold) : 1;
  const score = FUZZY_SCORE_MIN + (FUZZY_SCORE_MAX - FUZZY_SCORE_MIN) * above;
  const percent = Math.round(similar * 100);
  return {
    detector: "signatures/fuzzy",
    category: signature.category,
    score: Math.round(score * 1000) / 1000,
    spans: [toOriginalSpan(view, 0, view.text.length)],
    reason:
      `${where(view)} is ${percent}% similar (word-shingle MinHash, threshold ${Math.round(threshold * 100)}%) ` +
      `to known attack ${signature.id}: ${signature.description}`,
  };
}
