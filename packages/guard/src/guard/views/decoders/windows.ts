import type { Span } from "../../../core/signal.js";

/** Characters of context kept on each side of an escaped stretch. */
const CONTEXT = 48;
/** How far past the context a window may grow to avoid cutting a word in half. */
const WORD_SLACK = 16;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * The stretches worth decoding in place: escapes close together form one window, padded with
 * context and widened to word boundaries. A long text with a few escapes becomes a few short
 * windows instead of a second full copy of itself. `hits` are [start, end) pairs in order.
 */
export function windows(text: string, hits: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [start, end] of hits) {
    let from = Math.max(0, start - CONTEXT);
    let to = Math.min(text.length, end + CONTEXT);
    const last = out[out.length - 1];
    if (last !== undefined && from <= last[1]) {
      last[1] = Math.max(last[1], widenRight(text, to));
      continue;
    }
    from = widenLeft(text, from);
    to = widenRight(text, to);
    if (last !== undefined && from <= last[1]) last[1] = to;
    else out.push([from, to]);
  }
  return out;
}

function widenLeft(text: string, from: number): number {
  const limit = Math.max(0, from - WORD_SLACK);
  let i = from;
  while (i > limit && !isSpace(text.charCodeAt(i - 1))) i--;
  return i === limit && limit > 0 ? from : i;
}

function widenRight(text: string, to: number): number {
  const limit = Math.min(text.length, to + WORD_SLACK);
  let i = to;
  while (i < limit && !isSpace(text.charCodeAt(i))) i++;
  return i === limit && limit < text.length ? to : i;
}

/** What an in-place decoding replaced: original spans, and the encoded text behind each. */
export interface Stretches {
  readonly spans: Span[];
  readonly sources: string[];
}
