/** One line of a byte stream: its 1-based number and its bytes, without the newline (and a CR before it). */
export interface ByteLine {
  readonly line: number;
  readonly bytes: Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines before any decoding, so one line of invalid UTF-8 spoils that line
 * only, and a multi-byte character split across chunks is never cut in two.
 */
export async function* byteLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<ByteLine> {
  const encoder = new TextEncoder();
  // Pieces of a line that spans chunks, joined once when its end arrives, so a long line costs linear time.
  let pending: Uint8Array[] = [];
  let line = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    let from = 0;
    for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, from)) {
      line += 1;
      yield { line, bytes: withoutCr(join(pending, bytes.subarray(from, at))) };
      pending = [];
      from = at + 1;
    }
    if (from < bytes.length) pending.push(bytes.slice(from));
  }
  if (pending.length > 0) yield { line: line + 1, bytes: withoutCr(join(pending, new Uint8Array(0))) };
}

function withoutCr(bytes: Uint8Array): Uint8Array {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;
}

function join(pieces: readonly Uint8Array[], last: Uint8Array): Uint8Array {
  if (pieces.length === 0) return last;
  let length = last.length;
  for (const piece of pieces) length += piece.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  joined.set(last, offset);
  return joined;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes strictly: invalid UTF-8 is an error to report, never a silent U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
