/**
 * Variation selectors pick a glyph variant and render as nothing. One after an emoji or an
 * ideograph is ordinary; a run of them is the "emoji smuggling" technique, where each selector
 * carries one byte (U+FE00–U+FE0F are bytes 0–15, U+E0100–U+E01EF are bytes 16–255).
 */

export function selectorByte(cp: number): number {
  if (cp >= 0xfe00 && cp <= 0xfe0f) return cp - 0xfe00;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return cp - 0xe0100 + 16;
  return -1;
}

export interface SelectorRun {
  /** Index after the run's last code unit. */
  readonly end: number;
  readonly bytes: Uint8Array;
  /** Code-unit index and size of the selector behind each byte. */
  readonly at: Int32Array;
  readonly size: Uint8Array;
}

/** Reads the run of variation selectors starting at code-unit index `from`. */
export function readSelectorRun(text: string, from: number): SelectorRun {
  let end = from;
  let count = 0;
  while (end < text.length) {
    const cp = text.codePointAt(end) ?? 0;
    if (selectorByte(cp) < 0) break;
    count++;
    end += cp > 0xffff ? 2 : 1;
  }
  const bytes = new Uint8Array(count);
  const at = new Int32Array(count);
  const size = new Uint8Array(count);
  for (let i = from, k = 0; k < count; k++) {
    const cp = text.codePointAt(i) ?? 0;
    bytes[k] = selectorByte(cp);
    at[k] = i;
    size[k] = cp > 0xffff ? 2 : 1;
    i += size[k] ?? 1;
  }
  return { end, bytes, at, size };
}
