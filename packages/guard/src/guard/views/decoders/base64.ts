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
      if (run.count >= MIN_ENCODED_RUN) decodeRun(clean, run, out);
      i = run.end;
    }
  },
});

/** A run of base64 characters; `positions` is only spelled out when line breaks interrupt it. */
interface Run {
  readonly start: number;
  readonly count: number;
  readonly positions: readonly number[] | null;
  readonly urlSafe: boolean;
  /** Index after the run and its padding. */
  readonly end: number;
}

/** Where the run's k-th base64 character sits in the text. */
function at(run: Run, k: number): number {
  return run.positions === null ? run.start + k : (run.positions[k] ?? 0);
}

function readRun(text: string, from: number): Run {
  const lines: [number, number][] = [];
  let urlSafe = false;
  let i = from;
  for (;;) {
    const lineStart = i;
    while (i < text.length && value(text.charCodeAt(i)) >= 0) {
      const code = text.charCodeAt(i++);
      if (code === 0x2d || code === 0x5f) urlSafe = true;
    }
    lines.push([lineStart, i]);
    const line = i - lineStart;
    const breakLength = text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    const wraps =
      line >= MIN_WRAPPED_LINE &&
      line % 4 === 0 &&
      (text.charCodeAt(i) === 0x0a || breakLength === 2) &&
      value(text.charCodeAt(i + breakLength)) >= 0;
    if (!wraps) break;
    i += breakLength;
  }
  let end = i;
  while (end < i + 2 && text.charCodeAt(end) === 0x3d) end++;
  let positions: number[] | null = null;
  if (lines.length > 1) {
    positions = [];
    for (const [lineStart, lineEnd] of lines) for (let k = lineStart; k < lineEnd; k++) positions.push(k);
  }
  const count = positions === null ? i - from : positions.length;
  return { start: from, count, positions, urlSafe, end };
}

function decodeRun(clean: Mapped, run: Run, out: DecodedViews): void {
  const name = run.urlSafe ? "base64url" : "base64";
  const offsets = run.count >= MIN_REALIGNED_RUN ? 4 : 1;
  for (let offset = 0; offset < offsets; offset++) {
    fillBytes(clean.text, run, offset);
    if (!isUtf8Text(SCRATCH, MIN_DECODED_CHARS)) continue;
    appendUtf8(SCRATCH, clean, out.begin(name), true);
    const first = at(run, offset);
    const spans = [originalRange(clean, first, Math.max(first + 1, run.end))];
    const sources = [clean.text.slice(first, run.end)];
    if (out.commit({ spans, sources, evidence: true, describe: `${name} text decodes to` })) return;
  }
}

/** Decodes the run's characters (from the `offset`-th) into the shared byte buffer. */
function fillBytes(text: string, run: Run, offset: number): void {
  const chars = run.count - offset;
  const length = Math.floor((chars * 6) / 8);
  SCRATCH.reset(length);
  let bits = 0;
  let buffer = 0;
  for (let c = 0; c < chars && SCRATCH.length < length; c++) {
    buffer = ((buffer << 6) | value(text.charCodeAt(at(run, offset + c)))) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      // Each group of four characters carries three bytes.
      const group = offset + Math.floor(SCRATCH.length / 3) * 4;
      const last = Math.min(group + 3, run.count - 1);
      SCRATCH.push((buffer >> bits) & 0xff, at(run, group), at(run, last) + 1);
    }
  }
}
