import { isInvisible } from "./runs.js";

/** A run with its invisible characters removed, and the way back to the run's own offsets. */
export interface Visible {
  readonly text: string;
  /** Offset in the run of each character of `text`; null when nothing was removed. */
  readonly map: Int32Array | null;
}

/** Removes what renders as nothing (zero-width spaces and joiners, soft hyphens, …). */
export function visible(run: string): Visible {
  let first = -1;
  for (let i = 0; i < run.length; i++) {
    if (isInvisible(run.charCodeAt(i))) {
      first = i;
      break;
    }
  }
  if (first === -1) return { text: run, map: null };
  const map = new Int32Array(run.length);
  let text = run.slice(0, first);
  for (let i = 0; i < first; i++) map[i] = i;
  let n = first;
  for (let i = first; i < run.length; i++) {
    const code = run.charCodeAt(i);
    if (isInvisible(code)) continue;
    text += run[i];
    map[n++] = i;
  }
  return { text, map: map.subarray(0, n) };
}

/** The run offsets of [start, end) of the visible text: the span covers the invisible characters inside it. */
export function runRange(seen: Visible, start: number, end: number): { start: number; end: number } {
  if (seen.map === null) return { start, end };
  return { start: seen.map[start]!, end: seen.map[end - 1]! + 1 };
}
