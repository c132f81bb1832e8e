import type { Signal } from "../core/signal.js";

/** Drops signals whose every span lies inside an occurrence of an allow-listed phrase. */
export function applyAllowList(signals: Signal[], original: string, phrases: readonly string[]): Signal[] {
  if (phrases.length === 0 || signals.length === 0) return signals;
  const haystack = original.toLowerCase();
  const allowed: { start: number; end: number }[] = [];
  for (const phrase of phrases) {
    const needle = phrase.toLowerCase();
    if (needle.length === 0) continue;
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
      allowed.push({ start: at, end: at + needle.length });
    }
  }
  if (allowed.length === 0) return signals;
  return signals.filter(
    (signal) =>
      signal.spans.length === 0 ||
      !signal.spans.every((span) => allowed.some((a) => span.start >= a.start && span.end <= a.end)),
  );
}
