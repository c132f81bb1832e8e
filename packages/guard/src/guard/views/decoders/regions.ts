import { countWordHits, type WordHits } from "../english-words.js";
import type { Mapped } from "../mapped.js";

const MIN_HITS = 2;

function isBoundary(code: number): boolean {
  return code === 0x0a || code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3a || code === 0x3b;
}

function isWordChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code >= 0x80;
}

/**
 * Sentence-sized regions of `clean` that read as English only once transformed: `transformed`
 * picks the transformed count, which must reach two known words and clearly beat the words the
 * region has as written. Adjacent qualifying sentences merge into one region.
 */
export function transformedRegions(clean: Mapped, transformed: (hits: WordHits) => number): [number, number][] {
  const text = clean.text;
  const regions: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isBoundary(text.charCodeAt(i))) continue;
    const hits: WordHits = { plain: 0, rot13: 0, reversed: 0 };
    countWordHits(text, start, i, hits);
    const count = transformed(hits);
    if (count >= MIN_HITS && count >= 2 * hits.plain + 1) {
      const last = regions[regions.length - 1];
      if (last !== undefined && last[1] === start) last[1] = i + 1;
      else regions.push([start, i + 1]);
    }
    start = i + 1;
  }
  return regions.flatMap(([from, to]) => {
    let first = from;
    let last = Math.min(to, text.length);
    while (first < last && !isWordChar(text.charCodeAt(first))) first++;
    while (last > first && !isWordChar(text.charCodeAt(last - 1))) last--;
    return last > first ? [[first, last] as [number, number]] : [];
  });
}
