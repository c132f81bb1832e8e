import type { Span } from "../core/signal.js";

/** Sorted, with overlapping and touching spans joined; at most `max` of them, earliest first. */
export function mergeSpans(spans: readonly Span[], max = Number.POSITIVE_INFINITY): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { start: last.start, end: span.end };
    } else {
      if (merged.length >= max) break;
      merged.push({ start: span.start, end: span.end });
    }
  }
  return merged;
}
