import type { Span } from "../../../core/signal.js";
import { isAsciiAlphanumeric } from "../char-class.js";
import { type Mapped, type MappedBuilder, originalRange } from "../mapped.js";
import { appendUtf8, SCRATCH } from "../utf8.js";
import { defineDecoder } from "./decoder.js";
import { type Stretches, windows } from "./windows.js";

const MIN_ESCAPES = 3;
/** Share of a word that is escapes: "%20" now and then in a URL is far below. */
const VIEW_DENSITY = 0.2;
const EVIDENCE_DENSITY = 0.5;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function escapeAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x25) return -1;
  const high = hexValue(text.charCodeAt(i + 1));
  const low = hexValue(text.charCodeAt(i + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/** The first whitespace (or the text's edge) from `i` in `direction`, as a word boundary. */
function wordBoundary(text: string, i: number, direction: 1 | -1): number {
  let at = i;
  while (at + direction >= 0 && at + direction <= text.length) {
    const code = text.charCodeAt(direction > 0 ? at : at - 1);
    if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d) break;
    at += direction;
  }
  return at;
}

/**
 * Percent-encoding, decoded in place within windows of context (see windows.ts). Browsers never
 * escape letters and digits, so escaped alphanumerics (or text that is mostly escapes) are
 * evidence; a view alone is made when escapes are dense enough to hide words
 * ("ignore%20all%20previous").
 */
export const urlPercent = defineDecoder({
  name: "url",
  detector: "obfuscation/url-encoding",
  description: "Percent-encoded text (%49%67…), decoded in place when escapes are dense or hide letters.",
  wanted: (features) => features.percentEscapes >= MIN_ESCAPES,
  decode(clean, out) {
    const text = clean.text;
    const hits: [number, number][] = [];
    let count = 0;
    let alphanumeric = 0;
    let density = 0;
    let wordEnd = -1;
    let wordEscapes = 0;
    let wordLength = 1;
    for (let i = text.indexOf("%"); i >= 0; i = text.indexOf("%", i + 1)) {
      const byte = escapeAt(text, i);
      if (byte < 0) continue;
      count++;
      if (isAsciiAlphanumeric(byte)) alphanumeric++;
      const last = hits[hits.length - 1];
      if (last !== undefined && last[1] === i) last[1] = i + 3;
      else hits.push([i, i + 3]);
      // Density is measured per whitespace-delimited word: a long URL with a few escapes is thin.
      if (i >= wordEnd) {
        density = Math.max(density, (3 * wordEscapes) / wordLength);
        const wordStart = wordBoundary(text, i, -1);
        wordEnd = wordBoundary(text, i, 1);
        wordLength = wordEnd - wordStart;
        wordEscapes = 0;
      }
      wordEscapes++;
      i += 2;
    }
    density = Math.max(density, (3 * wordEscapes) / wordLength);
    if (count < MIN_ESCAPES || (alphanumeric === 0 && density < VIEW_DENSITY)) return;
    const evidence = alphanumeric > 0 || density >= EVIDENCE_DENSITY;
    for (const [from, to] of windows(text, hits)) {
      const { spans, sources } = decodeInPlace(clean, from, to, out.begin("url"));
      const describe = "percent-escapes decode to";
      out.commit({ spans, evidence, describe, sources });
    }
  },
});

function decodeInPlace(clean: Mapped, from: number, to: number, out: MappedBuilder): Stretches {
  const text = clean.text;
  const spans: Span[] = [];
  const sources: string[] = [];
  let copyFrom = from;
  let i = text.indexOf("%", from);
  while (i >= 0 && i < to) {
    let end = i;
    while (end + 3 <= to && escapeAt(text, end) >= 0) end += 3;
    if (end === i) {
      i = text.indexOf("%", i + 1);
      continue;
    }
    SCRATCH.reset((end - i) / 3);
    for (let k = i; k < end; k += 3) SCRATCH.push(escapeAt(text, k), k, k + 3);
    const mark = out.length;
    out.copy(clean, copyFrom, i);
    if (appendUtf8(SCRATCH, clean, out)) {
      copyFrom = end;
      spans.push(originalRange(clean, i, end));
      sources.push(text.slice(i, end));
    } else {
      out.truncate(mark);
    }
    i = text.indexOf("%", end);
  }
  out.copy(clean, copyFrom, to);
  return { spans, sources };
}
