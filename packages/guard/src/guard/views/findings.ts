import type { Signal, Span } from "../../core/signal.js";
import { mergeSpans } from "../spans.js";

/** Every kind of obfuscation the canonicaliser reports, one signal each. */
export const OBFUSCATION_DETECTORS = [
  "obfuscation/unicode-tags",
  "obfuscation/variation-selector-smuggling",
  "obfuscation/invisible",
  "obfuscation/homoglyphs",
  "obfuscation/styled-letters",
  "obfuscation/combining-marks",
  "obfuscation/leetspeak",
  "obfuscation/spaced-letters",
  "obfuscation/base64",
  "obfuscation/base32",
  "obfuscation/hex",
  "obfuscation/rot13",
  "obfuscation/reversed",
  "obfuscation/url-encoding",
  "obfuscation/html-entities",
] as const;
export type ObfuscationDetector = (typeof OBFUSCATION_DETECTORS)[number];

/** Hidden channels carry text a human reviewer cannot see: on their own they should block. */
export const SCORES = {
  smuggling: 0.9,
  homoglyphs: 0.5,
  folding: 0.4,
  styled: 0.4,
  encoding: 0.4,
  combiningMarks: 0.3,
} as const;

const MAX_SPANS = 32;

interface Finding {
  score: number;
  reason: string;
  places: number;
  readonly spans: Span[];
}

/**
 * Collects findings from every stage and layer, then reports one signal per kind: a prompt with
 * forty zero-width spaces is one piece of evidence, not forty.
 */
export class Findings {
  private readonly found = new Map<ObfuscationDetector, Finding>();

  add(detector: ObfuscationDetector, score: number, spans: readonly Span[], reason: string): void {
    const finding = this.found.get(detector);
    if (finding === undefined) {
      this.found.set(detector, { score, reason, places: 1, spans: spans.slice(0, MAX_SPANS) });
      return;
    }
    // Inline views (url, html) re-run the stages over text already seen; same spans, same finding.
    if (spans.every((s) => finding.spans.some((f) => f.start === s.start && f.end === s.end))) return;
    finding.places++;
    if (score > finding.score) {
      finding.score = score;
      finding.reason = reason;
    }
    for (const span of spans) if (finding.spans.length < MAX_SPANS) finding.spans.push(span);
  }

  signals(): Signal[] {
    const signals: Signal[] = [];
    for (const [detector, finding] of this.found) {
      const more = finding.places > 1 ? ` (and ${finding.places - 1} more like it)` : "";
      signals.push({
        detector,
        category: "obfuscation",
        score: finding.score,
        spans: mergeSpans(finding.spans),
        reason: finding.reason + more,
      });
    }
    return signals;
  }
}

const PREVIEW_CHARS = 40;

/**
 * `text[start, end)` cut to at most `max` code units, never between the two halves of a surrogate
 * pair: a reason holding a lone surrogate is not valid UTF-8 or JSON text downstream (stores, logs).
 */
export function excerpt(text: string, start: number, end: number, max: number): string {
  let stop = Math.min(end, start + max);
  const last = text.charCodeAt(stop - 1);
  if (last >= 0xd800 && last <= 0xdbff) stop--;
  const first = text.charCodeAt(start);
  const from = first >= 0xdc00 && first <= 0xdfff ? start + 1 : start;
  return from < stop ? text.slice(from, stop) : "";
}

/** A short quoted excerpt for a reason; control characters are escaped so the reason stays one line. */
export function quote(text: string): string {
  const chars = Array.from(text.length > PREVIEW_CHARS * 2 ? text.slice(0, PREVIEW_CHARS * 2) : text);
  const cut = chars.length > PREVIEW_CHARS;
  const shown = chars.slice(0, PREVIEW_CHARS).join("").trim();
  return `${JSON.stringify(shown).slice(0, -1)}${cut ? "…" : ""}"`;
}
