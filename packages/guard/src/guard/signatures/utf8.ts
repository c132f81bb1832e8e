/** The Web-standard encoder every runtime the guard targets provides; far faster than a JS loop. */
declare const TextEncoder: new () => { encodeInto(source: string, destination: Uint8Array): { written: number } };

const encoder = new TextEncoder();

/** A buffer this large or smaller is kept for the next call; a larger one is not, so one huge input does not pin its memory. */
const RETAINED_BYTES = 1 << 20;

let scratch = new Uint8Array(4096);

export interface Utf8 {
  readonly bytes: Uint8Array;
  /** Bytes of the text; the buffer holds at least `spare` more after them, free for the caller to use. */
  readonly length: number;
}

/**
 * UTF-8 of `text` (lone surrogates as U+FFFD) in a buffer shared by all callers, valid until the
 * next call: the per-prompt path encodes once and hashes the bytes twice without allocating.
 */
export function encodeUtf8(text: string, spare = 0): Utf8 {
  const needed = text.length * 3 + spare;
  let bytes = scratch;
  if (needed > bytes.length) {
    bytes = new Uint8Array(needed);
    if (needed <= RETAINED_BYTES) scratch = bytes;
  }
  return { bytes, length: encoder.encodeInto(text, bytes).written };
}
