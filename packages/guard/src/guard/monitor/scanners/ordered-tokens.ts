/**
 * The longest increasing subsequence of a stream of indices, by patience sorting: how many of the
 * prompt's distinctive tokens the output names in the prompt's order. O(log n) per index, and the
 * state is at most one number per distinct index.
 */
export class OrderedTokens {
  readonly #seen: Uint8Array;
  /** tails[k]: the smallest index ending an increasing run of k + 1 tokens. */
  readonly #tails: number[] = [];

  constructor(total: number) {
    this.#seen = new Uint8Array(total);
  }

  /** Adds the token at `index` of the prompt's order; only its first appearance in the output counts. */
  add(index: number): boolean {
    if (this.#seen[index] === 1) return false;
    this.#seen[index] = 1;
    let low = 0;
    let high = this.#tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#tails[mid]! < index) low = mid + 1;
      else high = mid;
    }
    this.#tails[low] = index;
    return true;
  }

  get length(): number {
    return this.#tails.length;
  }
}
