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
  /**
   * starts[i] and ends[i] read without building the arrays (views of a long input keep their maps
   * as segment tables); toOriginalSpan uses them when present.
   */
  readonly startAt?: (i: number) => number;
  readonly endAt?: (i: number) => number;
  /** How many decoding steps lie between the original and this view (0 for the canonical views). */
  readonly depth: number;
}

/**
 * The original range behind view[start, end). Both ends are consulted on both sides because a
 * reversed-text view maps its first unit to the LAST original position.
 */
export function toOriginalSpan(view: View, start: number, end: number): Span {
  const lastIndex = view.text.length - 1;
  if (lastIndex < 0) return { start: 0, end: 0 };
  const first = Math.max(0, Math.min(start, lastIndex));
  const last = Math.max(0, Math.min(Math.max(start, end - 1), lastIndex));
  const { startAt, endAt } = view;
  const from =
    startAt !== undefined
      ? Math.min(startAt(first), startAt(last))
      : Math.min(view.starts[first] ?? 0, view.starts[last] ?? 0);
  const to =
    endAt !== undefined ? Math.max(endAt(first), endAt(last)) : Math.max(view.ends[first] ?? 0, view.ends[last] ?? 0);
  return { start: from, end: Math.max(from, to) };
}
