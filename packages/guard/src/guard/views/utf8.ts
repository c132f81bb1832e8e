import { endOf, type Mapped, type MappedBuilder, startOf } from "./mapped.js";
import { TextTally } from "./text-quality.js";

/**
 * Bytes being decoded, each remembering the code units [from, to) of the layer's text that
 * encode it. Positions stay local until a decoding proves to be text, so rejected candidates
 * never touch (or build) the layer's offset maps.
 */
export class ByteBuffer {
  bytes = new Uint8Array(256);
  from = new Int32Array(256);
  to = new Int32Array(256);
  length = 0;

  /** Empties the buffer, keeping room for `capacity` bytes. */
  reset(capacity: number): void {
    this.length = 0;
    if (capacity <= this.bytes.length) return;
    this.bytes = new Uint8Array(capacity);
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
  }

  push(byte: number, from: number, to: number): void {
    const at = this.length++;
    this.bytes[at] = byte;
    this.from[at] = from;
    this.to[at] = to;
  }
}

/**
 * One buffer shared by every decoder: decoding never re-enters itself (nested layers are decoded
 * after the outer decoder has returned), and reusing it keeps the garbage collector out of the
 * way when a text holds thousands of small encoded stretches.
 */
export const SCRATCH = new ByteBuffer();

const MIN_FOR_SIZE = [0, 0, 0x80, 0x800, 0x10000];

function sequenceSize(b0: number): number {
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return 2;
  if (b0 >= 0xe0 && b0 <= 0xef) return 3;
  return b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
}

/**
 * The code point of the sequence at `i`, or -1 when it is not strict UTF-8 (overlong forms,
 * surrogates and anything past U+10FFFF are refused: hidden payloads are text, and strictness is
 * what tells a payload from the random bytes of a hash or an id).
 */
function codePointAt(bytes: Uint8Array, i: number, length: number): number {
  const b0 = bytes[i] ?? 0;
  const size = sequenceSize(b0);
  if (size === 1) return b0;
  if (size === 0 || i + size > length) return -1;
  let cp = b0 & (0xff >> (size + 1));
  for (let k = 1; k < size; k++) {
    const b = bytes[i + k] ?? 0;
    if ((b & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  return cp < (MIN_FOR_SIZE[size] ?? 0) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? -1 : cp;
}

/** Whether the buffer holds UTF-8 that reads as text (see TextTally: a broken byte or two is allowed). */
export function isUtf8Text(input: ByteBuffer, minChars: number): boolean {
  const tally = new TextTally();
  for (let i = 0; i < input.length; ) {
    const cp = codePointAt(input.bytes, i, input.length);
    if (cp < 0) {
      tally.addBroken();
      i++;
    } else {
      tally.add(cp);
      i += sequenceLength(cp);
    }
  }
  return tally.plausible(minChars);
}

function sequenceLength(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Appends the buffer decoded as UTF-8, each unit mapped through `layer` to the original range of
 * the bytes behind it. Strict by default: on a byte that is not UTF-8 it appends nothing and
 * returns false. `lenient` writes U+FFFD for such a byte instead, for payloads already judged to
 * be text despite a tampered character.
 */
export function appendUtf8(input: ByteBuffer, layer: Mapped, out: MappedBuilder, lenient = false): boolean {
  const { bytes, from, to, length } = input;
  const mark = out.length;
  for (let i = 0; i < length; ) {
    const decoded = codePointAt(bytes, i, length);
    if (decoded < 0 && !lenient) {
      out.truncate(mark);
      return false;
    }
    const cp = decoded < 0 ? 0xfffd : decoded;
    const size = decoded < 0 ? 1 : sequenceLength(cp);
    const first = Math.min(from[i] ?? 0, from[i + size - 1] ?? 0);
    const last = Math.max(to[i] ?? 0, to[i + size - 1] ?? 0);
    const start = Math.min(startOf(layer, first), startOf(layer, last - 1));
    const end = Math.max(endOf(layer, first), endOf(layer, last - 1));
    if (cp >= 0x10000) {
      out.push(0xd800 + ((cp - 0x10000) >> 10), start, end);
      out.push(0xdc00 + ((cp - 0x10000) & 0x3ff), start, end);
    } else {
      out.push(cp, start, end);
    }
    i += size;
  }
  return true;
}
