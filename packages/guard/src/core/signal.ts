import type { Category } from "./category.js";

/** Half-open range [start, end) in UTF-16 code units of the ORIGINAL input text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  /** Index of the message the span is in, when the input was a conversation. */
  readonly message?: number;
}

export interface Signal {
  /** Id of the detector (or layer) that produced this finding. */
  readonly detector: string;
  readonly category: Category;
  /** Strength of the evidence, 0..1. */
  readonly score: number;
  readonly spans: readonly Span[];
  /** Human-readable reason, specific to this input. */
  readonly reason: string;
}
