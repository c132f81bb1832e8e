/**
 * MurmurHash3's 32-bit finaliser: every input bit affects every output bit. Returns a signed 32-bit
 * integer, the representation V8 keeps in a register without boxing.
 */
export function fmix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
