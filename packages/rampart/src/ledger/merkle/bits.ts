// Tree sizes reach 2^53 - 1, past the 32 bits that JS bitwise operators see, so these split a number into two words.
const WORD = 2 ** 32;

/** The exponent of the highest set bit of a positive safe integer: floor(log2(x)), exact at every size. */
export function topBit(x: number): number {
  return x < WORD ? 31 - Math.clz32(x) : 63 - Math.clz32(Math.floor(x / WORD));
}

/** The split point of RFC 9162 §2.1.1: the largest power of two strictly below n, for n ≥ 2. */
export function splitPoint(n: number): number {
  return 2 ** topBit(n - 1);
}

/** Throws a RangeError unless value is a safe integer in [min, max]. */
export function checkInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** a XOR b for safe integers, word by word. */
function xor(a: number, b: number): number {
  const high = (Math.floor(a / WORD) ^ Math.floor(b / WORD)) >>> 0;
  const low = ((a % WORD) ^ (b % WORD)) >>> 0;
  return high * WORD + low;
}

function popCount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The length of PATH(index, D[size]) without building it: the levels below the point where the
 * leaf's path and the tree's right edge part, plus one per left sibling above it (as in
 * transparency-dev/merkle's decomposition).
 */
export function inclusionProofLength(index: number, size: number): number {
  const parted = xor(index, size - 1);
  const inner = parted === 0 ? 0 : topBit(parted) + 1;
  const above = Math.floor(index / 2 ** inner);
  return inner + popCount32(above % WORD) + popCount32(Math.floor(above / WORD));
}
