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
