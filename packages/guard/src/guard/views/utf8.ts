import type { MappedBuilder } from "./mapped.js";

/** Bytes being decoded, each remembering the original range it was encoded in. */
export class ByteBuffer {
  bytes = new Uint8Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  length = 0;

  /** Empties the buffer, keeping room for `capacity` bytes. */
  reset(capacity: number): void {
    this.length = 0;
    if (capacity <= this.bytes.length) return;
    this.bytes = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(byte: number, start: number, end: number): void {
    const at = this.length++;
    this.bytes[at] = byte;
    this.starts[at] = start;
    this.ends[at] = end;
  }
}

/**
 * One buffer shared by every decoder: decoding never re-enters itself (nested layers are decoded
 * after the outer decoder has returned), and reusing it keeps the garbage collector out of the
 * way when a text holds thousands of small encoded stretches.
 */
export const SCRATCH = new ByteBuffer();

/**
 * Appends the bytes decoded as strict UTF-8 (no overlong forms, no surrogates, nothing past
 * U+10FFFF): hidden payloads are text, and strictness is what tells a payload from the random
 * bytes of a hash or an id. Each unit maps to the union of its bytes' ranges. On bytes that are
 * not UTF-8, appends nothing and returns false.
 */
export function appendUtf8(input: ByteBuffer, out: MappedBuilder): boolean {
  const { bytes, starts, ends, length } = input;
  const mark = out.length;
  let i = 0;
  while (i < length) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      out.push(b0, starts[i] ?? 0, ends[i] ?? 0);
      i++;
      continue;
    }
    const size = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
    const cp = size === 0 || i + size > length ? -1 : continuation(bytes, i, size, b0);
    if (cp < 0) {
      out.truncate(mark);
      return false;
    }
    const start = Math.min(starts[i] ?? 0, starts[i + size - 1] ?? 0);
    const end = Math.max(ends[i] ?? 0, ends[i + size - 1] ?? 0);
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

const MIN_FOR_SIZE = [0, 0, 0x80, 0x800, 0x10000];

/** The code point of the `size`-byte sequence at `i`, or -1 when it is malformed. */
function continuation(bytes: Uint8Array, i: number, size: number, b0: number): number {
  let cp = b0 & (0xff >> (size + 1));
  for (let k = 1; k < size; k++) {
    const b = bytes[i + k] ?? 0;
    if ((b & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (b & 0x3f);
  }
  const tooSmall = cp < (MIN_FOR_SIZE[size] ?? 0);
  return tooSmall || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? -1 : cp;
}
