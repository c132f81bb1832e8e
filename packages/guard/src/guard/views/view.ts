import type { Span } from "../../core/signal.js";

/**
 * One rendering of the input that detectors scan. Every code unit of `text` remembers the range of
 * the ORIGINAL input it came from, so a match in any view maps back to a true span.
 */
export interface View {
  /** What produced it, e.g. "canonical", "folded", "base64>rot13". */
  readonly name: string;
  readonly text: string;
  /** starts[i]..ends[i] is the original range that text[i] came from. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** How many decoding steps lie between the original and this view (0 for the canonical views). */
  readonly depth: number;
}

export function toOriginalSpan(view: View, start: number, end: number): Span {
  const last = Math.max(start, end - 1);
  const from = view.starts[Math.min(start, view.text.length - 1)] ?? 0;
  const to = view.ends[Math.min(last, view.text.length - 1)] ?? from;
  return { start: Math.min(from, to), end: Math.max(from, to) };
}
