import { encodeUtf8 } from "./utf8.js";

/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, in plain TypeScript because the guard runs where
 * neither node:crypto nor a synchronous WebCrypto exists. It is on the per-prompt path, so the
 * message schedule lives in sixteen locals and the rounds are unrolled sixteen at a time: in V8
 * that runs about twice as fast as the textbook loop over a 64-word array.
 */

/** Bytes the padding needs after the message, at most. */
export const SHA256_PADDING = 72;

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

const digest = new Int32Array(8);

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text` (lone surrogates encode as U+FFFD). */
export function sha256Hex(text: string): string {
  const { bytes, length } = encodeUtf8(text, SHA256_PADDING);
  return sha256Utf8(bytes, length);
}

/** Lowercase hex SHA-256 of bytes[0, length); writes the padding into the SHA256_PADDING bytes after them. */
export function sha256Utf8(bytes: Uint8Array, length: number): string {
  const padded = (length + SHA256_PADDING) & ~63;
  bytes.fill(0, length, padded);
  bytes[length] = 0x80;
  const bits = length * 8;
  bytes[padded - 5] = bits / 0x100000000;
  bytes[padded - 4] = bits >>> 24;
  bytes[padded - 3] = bits >>> 16;
  bytes[padded - 2] = bits >>> 8;
  bytes[padded - 1] = bits;
  compress(bytes, padded);
  let hex = "";
  for (let i = 0; i < 8; i++) {
    const word = digest[i]!;
    hex += HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  return hex;
}

function compress(bytes: Uint8Array, length: number): void {
  const k = K;
  let h0 = 0x6a09e667 | 0;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372 | 0;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab | 0;
  let h7 = 0x5be0cd19 | 0;
  let x = 0;
  let y = 0;
  for (let p = 0; p < length; p += 64) {
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    let w0 = (bytes[p + 0]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    let w1 = (bytes[p + 4]! << 24) | (bytes[p + 5]! << 16) | (bytes[p + 6]! << 8) | bytes[p + 7]!;
    let w2 = (bytes[p + 8]! << 24) | (bytes[p + 9]! << 16) | (bytes[p + 10]! << 8) | bytes[p + 11]!;
    let w3 = (bytes[p + 12]! << 24) | (bytes[p + 13]! << 16) | (bytes[p + 14]! << 8) | bytes[p + 15]!;
    let w4 = (bytes[p + 16]! << 24) | (bytes[p + 17]! << 16) | (bytes[p + 18]! << 8) | bytes[p + 19]!;
    let w5 = (bytes[p + 20]! << 24) | (bytes[p + 21]! << 16) | (bytes[p + 22]! << 8) | bytes[p + 23]!;
    let w6 = (bytes[p + 24]! << 24) | (bytes[p + 25]! << 16) | (bytes[p + 26]! << 8) | bytes[p + 27]!;
    let w7 = (bytes[p + 28]! << 24) | (bytes[p + 29]! << 16) | (bytes[p + 30]! << 8) | bytes[p + 31]!;
    let w8 = (bytes[p + 32]! << 24) | (bytes[p + 33]! << 16) | (bytes[p + 34]! << 8) | bytes[p + 35]!;
    let w9 = (bytes[p + 36]! << 24) | (bytes[p + 37]! << 16) | (bytes[p + 38]! << 8) | bytes[p + 39]!;
    let w10 = (bytes[p + 40]! << 24) | (bytes[p + 41]! << 16) | (bytes[p + 42]! << 8) | bytes[p + 43]!;
    let w11 = (bytes[p + 44]! << 24) | (bytes[p + 45]! << 16) | (bytes[p + 46]! << 8) | bytes[p + 47]!;
    let w12 = (bytes[p + 48]! << 24) | (bytes[p + 49]! << 16) | (bytes[p + 50]! << 8) | bytes[p + 51]!;
    let w13 = (bytes[p + 52]! << 24) | (bytes[p + 53]! << 16) | (bytes[p + 54]! << 8) | bytes[p + 55]!;
    let w14 = (bytes[p + 56]! << 24) | (bytes[p + 57]! << 16) | (bytes[p + 58]! << 8) | bytes[p + 59]!;
    let w15 = (bytes[p + 60]! << 24) | (bytes[p + 61]! << 16) | (bytes[p + 62]! << 8) | bytes[p + 63]!;
    for (let t = 0; t < 64; t += 16) {
      if (t > 0) {
        // The schedule for rounds t..t+15: w[j] += σ0(w[j+1]) + w[j+9] + σ1(w[j+14]), indices mod 16.
        x = w1;
        y = w14;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w0 = (w0 + x + w9 + y) | 0;
        x = w2;
        y = w15;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w1 = (w1 + x + w10 + y) | 0;
        x = w3;
        y = w0;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w2 = (w2 + x + w11 + y) | 0;
        x = w4;
        y = w1;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w3 = (w3 + x + w12 + y) | 0;
        x = w5;
        y = w2;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w4 = (w4 + x + w13 + y) | 0;
        x = w6;
        y = w3;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w5 = (w5 + x + w14 + y) | 0;
        x = w7;
        y = w4;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w6 = (w6 + x + w15 + y) | 0;
        x = w8;
        y = w5;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w7 = (w7 + x + w0 + y) | 0;
        x = w9;
        y = w6;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w8 = (w8 + x + w1 + y) | 0;
        x = w10;
        y = w7;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w9 = (w9 + x + w2 + y) | 0;
        x = w11;
        y = w8;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w10 = (w10 + x + w3 + y) | 0;
        x = w12;
        y = w9;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w11 = (w11 + x + w4 + y) | 0;
        x = w13;
        y = w10;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w12 = (w12 + x + w5 + y) | 0;
        x = w14;
        y = w11;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w13 = (w13 + x + w6 + y) | 0;
        x = w15;
        y = w12;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w14 = (w14 + x + w7 + y) | 0;
        x = w0;
        y = w13;
        x = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        y = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w15 = (w15 + x + w8 + y) | 0;
      }
      // Each round renames a..h instead of shifting them: h += Σ1(e) + Ch + K + w; d += h; h += Σ0(a) + Maj.
      x = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      h = (h + x + (g ^ (e & (f ^ g))) + k[t + 0]! + w0) | 0;
      d = (d + h) | 0;
      x = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      h = (h + x + ((a & b) ^ (c & (a ^ b)))) | 0;
      x = ((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7));
      g = (g + x + (f ^ (d & (e ^ f))) + k[t + 1]! + w1) | 0;
      c = (c + g) | 0;
      x = ((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10));
      g = (g + x + ((h & a) ^ (b & (h ^ a)))) | 0;
      x = ((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7));
      f = (f + x + (e ^ (c & (d ^ e))) + k[t + 2]! + w2) | 0;
      b = (b + f) | 0;
      x = ((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10));
      f = (f + x + ((g & h) ^ (a & (g ^ h)))) | 0;
      x = ((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7));
      e = (e + x + (d ^ (b & (c ^ d))) + k[t + 3]! + w3) | 0;
      a = (a + e) | 0;
      x = ((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10));
      e = (e + x + ((f & g) ^ (h & (f ^ g)))) | 0;
      x = ((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7));
      d = (d + x + (c ^ (a & (b ^ c))) + k[t + 4]! + w4) | 0;
      h = (h + d) | 0;
      x = ((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10));
      d = (d + x + ((e & f) ^ (g & (e ^ f)))) | 0;
      x = ((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7));
      c = (c + x + (b ^ (h & (a ^ b))) + k[t + 5]! + w5) | 0;
      g = (g + c) | 0;
      x = ((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10));
      c = (c + x + ((d & e) ^ (f & (d ^ e)))) | 0;
      x = ((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7));
      b = (b + x + (a ^ (g & (h ^ a))) + k[t + 6]! + w6) | 0;
      f = (f + b) | 0;
      x = ((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10));
      b = (b + x + ((c & d) ^ (e & (c ^ d)))) | 0;
      x = ((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7));
      a = (a + x + (h ^ (f & (g ^ h))) + k[t + 7]! + w7) | 0;
      e = (e + a) | 0;
      x = ((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10));
      a = (a + x + ((b & c) ^ (d & (b ^ c)))) | 0;
      x = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      h = (h + x + (g ^ (e & (f ^ g))) + k[t + 8]! + w8) | 0;
      d = (d + h) | 0;
      x = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      h = (h + x + ((a & b) ^ (c & (a ^ b)))) | 0;
      x = ((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7));
      g = (g + x + (f ^ (d & (e ^ f))) + k[t + 9]! + w9) | 0;
      c = (c + g) | 0;
      x = ((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10));
      g = (g + x + ((h & a) ^ (b & (h ^ a)))) | 0;
      x = ((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7));
      f = (f + x + (e ^ (c & (d ^ e))) + k[t + 10]! + w10) | 0;
      b = (b + f) | 0;
      x = ((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10));
      f = (f + x + ((g & h) ^ (a & (g ^ h)))) | 0;
      x = ((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7));
      e = (e + x + (d ^ (b & (c ^ d))) + k[t + 11]! + w11) | 0;
      a = (a + e) | 0;
      x = ((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10));
      e = (e + x + ((f & g) ^ (h & (f ^ g)))) | 0;
      x = ((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7));
      d = (d + x + (c ^ (a & (b ^ c))) + k[t + 12]! + w12) | 0;
      h = (h + d) | 0;
      x = ((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10));
      d = (d + x + ((e & f) ^ (g & (e ^ f)))) | 0;
      x = ((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7));
      c = (c + x + (b ^ (h & (a ^ b))) + k[t + 13]! + w13) | 0;
      g = (g + c) | 0;
      x = ((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10));
      c = (c + x + ((d & e) ^ (f & (d ^ e)))) | 0;
      x = ((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7));
      b = (b + x + (a ^ (g & (h ^ a))) + k[t + 14]! + w14) | 0;
      f = (f + b) | 0;
      x = ((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10));
      b = (b + x + ((c & d) ^ (e & (c ^ d)))) | 0;
      x = ((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7));
      a = (a + x + (h ^ (f & (g ^ h))) + k[t + 15]! + w15) | 0;
      e = (e + a) | 0;
      x = ((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10));
      a = (a + x + ((b & c) ^ (d & (b ^ c)))) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  digest[0] = h0;
  digest[1] = h1;
  digest[2] = h2;
  digest[3] = h3;
  digest[4] = h4;
  digest[5] = h5;
  digest[6] = h6;
  digest[7] = h7;
}
