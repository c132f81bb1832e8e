import type { Span } from "@rampart/guard";
import { visible } from "./visible.js";

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface MarkStyle {
  readonly open: string;
  readonly close: string;
}

export const BRACKETS: MarkStyle = { open: "[[", close: "]]" };
export const ANSI_MARK: MarkStyle = { open: "\u001b[7;31m", close: "\u001b[0m" };

/** Sorted, clamped to the text, and overlapping or touching spans merged into one mark. */
export function mergeSpans(spans: readonly Span[], length: number): Range[] {
  const sorted = spans
    .map((span) => ({ start: Math.max(0, Math.min(span.start, length)), end: Math.max(0, Math.min(span.end, length)) }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

export interface HighlightOptions {
  readonly style: MarkStyle;
  /** Texts longer than this show only windows around the marks. */
  readonly maxChars: number;
  /** Characters of context each side of a mark in a window. */
  readonly context: number;
}

export const DEFAULT_HIGHLIGHT = { maxChars: 1200, context: 80 } as const;

/** The text with its marks wrapped in the style; a long text shrinks to windows around the marks. */
export function highlight(text: string, marks: readonly Range[], options: HighlightOptions): string {
  const { style, maxChars, context } = options;
  if (text.length <= maxChars) return mark(text, marks, 0, text.length, style, Number.POSITIVE_INFINITY);
  if (marks.length === 0) {
    const end = boundary(text, maxChars);
    return `${visible(text.slice(0, end))}… (${text.length - end} more characters)`;
  }
  const windows: { start: number; end: number }[] = [];
  for (const range of marks) {
    const start = boundary(text, Math.max(0, range.start - context));
    const end = boundary(text, Math.min(text.length, range.end + context));
    const last = windows.at(-1);
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows
    .map((w) => {
      const inside = marks.filter((range) => range.start < w.end && range.end > w.start);
      const head = w.start > 0 ? "…" : "";
      const tail = w.end < text.length ? "…" : "";
      return `${head}${mark(text, inside, w.start, w.end, style, context * 2)}${tail}`;
    })
    .join("\n\n");
}

function mark(
  text: string,
  marks: readonly Range[],
  from: number,
  to: number,
  style: MarkStyle,
  longest: number,
): string {
  let out = "";
  let at = from;
  for (const range of marks) {
    out += visible(text.slice(at, range.start));
    out += style.open + visible(shorten(text, range.start, range.end, longest)) + style.close;
    at = range.end;
  }
  return out + visible(text.slice(at, to));
}

/** A mark longer than `longest` keeps its head and tail, so one huge span cannot flood the screen. */
function shorten(text: string, start: number, end: number, longest: number): string {
  if (end - start <= longest) return text.slice(start, end);
  const keep = Math.floor(longest / 2);
  const headEnd = boundary(text, start + keep);
  const tailStart = boundary(text, end - keep);
  return `${text.slice(start, headEnd)} …(${tailStart - headEnd} characters)… ${text.slice(tailStart, end)}`;
}

/** Moves a cut off the middle of a surrogate pair. */
function boundary(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff && at > 0 ? at - 1 : at;
}
