import type { Category } from "../../core/category.js";

/**
 * A set of known-attack signatures, as shipped with the guard or received from the exchange.
 * Signatures are hashes of canonical text, never the prompts themselves.
 */
export interface SignatureSet {
  readonly version: 1;
  readonly name: string;
  readonly signatures: readonly Signature[];
}

export type Signature = ExactSignature | FuzzySignature;

interface SignatureBase {
  readonly id: string;
  readonly category: Category;
  /** Why a match matters, shown in the verdict's reason (e.g. the template family or advisory id). */
  readonly description: string;
}

/** SHA-256 (hex) of the canonical view's text. */
export interface ExactSignature extends SignatureBase {
  readonly kind: "exact";
  readonly sha256: string;
}

/** MinHash over word shingles of the canonical view (base64 of the little-endian uint32 minima). */
export interface FuzzySignature extends SignatureBase {
  readonly kind: "fuzzy";
  readonly minhash: string;
  /** Estimated Jaccard similarity at or above which an input matches (default 0.5). */
  readonly threshold?: number;
}
