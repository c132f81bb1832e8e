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
  /** For a learned layer: the exact contributions behind the score, largest first. */
  readonly attributions?: readonly Attribution[];
}

/**
 * One term of a linear model's decision: `weight` is exactly what this feature added to the
 * log-odds of the signal's class against benign, so the terms of a signal sum to its log-odds.
 */
export interface Attribution {
  /** What the term is, e.g. `word "ignore previous"`, `heuristic persona-jailbreak`, `bias`. */
  readonly feature: string;
  readonly weight: number;
  /** Where the feature occurs in the ORIGINAL input (empty for the bias and for summed remainders). */
  readonly spans: readonly Span[];
}
