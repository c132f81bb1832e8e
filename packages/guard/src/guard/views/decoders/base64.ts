import { type Mapped, originalRange } from "../mapped.js";
import { MIN_ENCODED_RUN } from "../scan.js";
import { appendUtf8, isUtf8Text, SCRATCH } from "../utf8.js";
import type { DecodedViews } from "./decoded-views.js";
import { MIN_DECODED_CHARS } from "./decoded-views.js";
import { defineDecoder } from "./decoder.js";

/** Standard and URL-safe alphabets together: "+" and "-" are 62, "/" and "_" are 63. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  VALUE["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}
VALUE[0x2d] = 62;
VALUE[0x5f] = 63;

/** MIME wraps base64 at 76 characters; a line break after a full line continues the run. */
const MIN_WRAPPED_LINE = 40;
/** Long runs are also tried from the next three offsets, for a glued-on prefix like "b64:". */
const MIN_REALIGNED_RUN = 24;

function value(code: number): number {
  return code < 128 ? (VALUE[code] ?? -1) : -1;
}

export const base64 = defineDecoder({
  name: "base64",
  detector: "obfuscation/base64",
  description: "Base64 and base64url runs of 16 or more characters that decode to UTF-8 text.",
  wanted: (features) => features.base64,
  decode(clean, out) {
    const text = clean.text;
    let i = 0;
    while (i < text.length) {
      if (value(text.charCodeAt(i)) < 0) {
        i++;
        continue;
      }
      let end = i;
      while (end < text.length && value(text.charCodeAt(end)) >= 0) end++;
      // Most runs are words; only a long one (or a wrapped line) is worth collecting.
      if (end - i < MIN_ENCODED_RUN && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) {
        i = end;
        continue;
      }
      const run = readRun(text, i);
      if (run.positions.length >= MIN_ENCODED_RUN) decodeRun(clean, run.positions, run.urlSafe, run.end, out);
      i = run.end;
    }
  },
});

function readRun(text: string, from: number): { positions: number[]; urlSafe: boolean; end: number } {
  const positions: number[] = [];
  let urlSafe = false;
  let lineStart = from;
  let i = from;
  for (;;) {
    while (i < text.length && value(text.charCodeAt(i)) >= 0) {
      const code = text.charCodeAt(i);
      if (code === 0x2d || code === 0x5f) urlSafe = true;
      positions.push(i++);
    }
    const line = i - lineStart;
    const breakLength = text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    const wraps =
      line >= MIN_WRAPPED_LINE &&
      line % 4 === 0 &&
      (text.charCodeAt(i) === 0x0a || breakLength === 2) &&
      value(text.charCodeAt(i + breakLength)) >= 0;
    if (!wraps) break;
    i += breakLength;
    lineStart = i;
  }
  let end = i;
  while (end < i + 2 && text.charCodeAt(end) === 0x3d) end++;
  return { positions, urlSafe, end };
}

function decodeRun(clean: Mapped, positions: number[], urlSafe: boolean, end: number, out: DecodedViews): void {
  const name = urlSafe ? "base64url" : "base64";
  const offsets = positions.length >= MIN_REALIGNED_RUN ? 4 : 1;
  for (let offset = 0; offset < offsets; offset++) {
    fillBytes(clean.text, positions, offset);
    if (!isUtf8Text(SCRATCH, MIN_DECODED_CHARS)) continue;
    appendUtf8(SCRATCH, clean, out.begin(name));
    const first = positions[offset] ?? 0;
    const spans = [originalRange(clean, first, Math.max(first + 1, end))];
    const sources = [clean.text.slice(first, end)];
    if (out.commit({ spans, sources, evidence: true, describe: `${name} text decodes to` })) return;
  }
}

/** Decodes the base64 characters at `positions` (from `offset`) into the shared byte buffer. */
function fillBytes(text: string, positions: number[], offset: number): void {
  const chars = positions.length - offset;
  const length = Math.floor((chars * 6) / 8);
  SCRATCH.reset(length);
  let bits = 0;
  let buffer = 0;
  for (let c = 0; c < chars && SCRATCH.length < length; c++) {
    buffer = ((buffer << 6) | value(text.charCodeAt(positions[offset + c] ?? 0))) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      // Each group of four characters carries three bytes.
      const group = offset + Math.floor(SCRATCH.length / 3) * 4;
      const last = Math.min(group + 3, positions.length - 1);
      SCRATCH.push((buffer >> bits) & 0xff, positions[group] ?? 0, (positions[last] ?? 0) + 1);
    }
  }
}
