import type { Category } from "../../../core/category.js";
import type { Signal } from "../../../core/signal.js";

/** A signal over one stretch of output. Reasons name what was found, never the value itself: verdicts get logged. */
export function finding(
  detector: string,
  category: Category,
  score: number,
  start: number,
  end: number,
  reason: string,
): Signal {
  return { detector, category, score, spans: [{ start, end }], reason };
}

/** Findings completed since a scan last returned: each push and end hands over what piled up. */
export class Findings {
  private pending: Signal[] = [];

  push(signal: Signal): void {
    this.pending.push(signal);
  }

  take(): Signal[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
