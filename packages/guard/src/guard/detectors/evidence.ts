import type { Category } from "../../core/category.js";
import type { Signal, Span } from "../../core/signal.js";
import { mergeSpans } from "../spans.js";
import { excerpt } from "../views/findings.js";
import { toOriginalSpan, type View } from "../views/view.js";

/** A verdict must stay small whatever the input: past this many spans a signal keeps the first ones. */
export const MAX_SPANS = 32;
const MAX_QUOTE = 80;
const MAX_TELLS_IN_REASON = 4;

/** One kind of evidence a detector looks for. Several matches of the same kind count once. */
export interface Tell {
  readonly kind: string;
  /** How the reason names it, e.g. "instruction override". */
  readonly label: string;
  readonly score: number;
}

interface Found {
  tell: Tell;
  quote: string;
  /** Set while the tell has been seen only in decoded views: the reason must say so. */
  decodedFrom: string | undefined;
}

/**
 * Collects a detector's tells over every view of one input and turns them into at most one signal,
 * so one input never yields the same finding twice (a phrase seen in the canonical and the folded
 * view is one finding with one span).
 */
export class Evidence {
  private readonly found = new Map<string, Found>();
  private readonly spans: Span[] = [];

  add(tell: Tell, view: View, start: number, end: number): void {
    const quote = quoteOf(view.text, start, end);
    const decoded = view.depth > 0 ? view.name : undefined;
    const previous = this.found.get(tell.kind);
    if (previous === undefined) {
      this.found.set(tell.kind, { tell, quote, decodedFrom: decoded });
    } else {
      if (tell.score > previous.tell.score) {
        previous.tell = tell;
        previous.quote = quote;
      }
      if (decoded === undefined) previous.decodedFrom = undefined;
    }
    if (this.spans.length < MAX_SPANS * 4) this.spans.push(toOriginalSpan(view, start, end));
  }

  has(kind: string): boolean {
    return this.found.has(kind);
  }

  get size(): number {
    return this.found.size;
  }

  /** Distinct tells as independent evidence: noisy-OR, the same rule the guard applies across detectors. */
  combined(): number {
    let miss = 1;
    for (const { tell } of this.found.values()) miss *= 1 - tell.score;
    return 1 - miss;
  }

  /** The strongest single tell: for tells that restate one finding rather than add to it. */
  strongest(): number {
    let best = 0;
    for (const { tell } of this.found.values()) best = Math.max(best, tell.score);
    return best;
  }

  toSignals(detector: string, category: Category, score: number = this.combined()): Signal[] {
    if (this.found.size === 0 || score <= 0) return [];
    return [
      {
        detector,
        category,
        score: Math.round(Math.min(0.99, score) * 1000) / 1000,
        spans: mergeSpans(this.spans, MAX_SPANS),
        reason: this.reason(),
      },
    ];
  }

  private reason(): string {
    const all = [...this.found.values()].sort((a, b) => b.tell.score - a.tell.score);
    const parts = all.slice(0, MAX_TELLS_IN_REASON).map(({ tell, quote, decodedFrom }) => {
      const where = decodedFrom === undefined ? "" : ` (found only after decoding: ${decodedFrom})`;
      return `${tell.label}: "${quote}"${where}`;
    });
    if (all.length > MAX_TELLS_IN_REASON) parts.push(`and ${all.length - MAX_TELLS_IN_REASON} more tells`);
    return parts.join("; ");
  }
}

function quoteOf(text: string, start: number, end: number): string {
  const raw = excerpt(text, start, end, MAX_QUOTE).replace(/\s+/g, " ").trim();
  return end - start > MAX_QUOTE ? `${raw}…` : raw;
}
