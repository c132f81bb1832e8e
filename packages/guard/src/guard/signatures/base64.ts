/** Standard base64 (RFC 4648 §4, padded), small enough to carry in the dependency-free guard. */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    const third = rest === 2 ? ALPHABET[(n >> 6) & 63]! : "=";
    out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}${third}=`;
  }
  return out;
}

/** The bytes `text` encodes, or undefined unless it is canonical padded base64 (no whitespace). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = digit(text, i);
    const b = digit(text, i + 1);
    const c = last && padding === 2 ? 0 : digit(text, i + 2);
    const d = last && padding >= 1 ? 0 : digit(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
    // Non-zero bits under the padding would let two strings name the same bytes.
    if (last && ((padding === 2 && (n & 0xffff) !== 0) || (padding === 1 && (n & 0xff) !== 0))) return undefined;
  }
  return out;
}

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? VALUE[code]! : -1;
}
