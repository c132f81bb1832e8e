/**
 * A read-only multimap from 32-bit keys to int32 values, in four typed arrays: an open-addressing
 * slot array (linear probing, load factor at most 1/2) names a group, and each group's values sit
 * contiguously in `values`. A lookup costs a few probes whatever the number of keys, and a set of
 * 100,000 signatures × 32 bands stays a handful of flat arrays instead of millions of objects.
 */
export class PostingTable {
  private readonly mask: number;

  private constructor(
    /** Group id per slot, -1 where empty. */
    private readonly slots: Int32Array,
    private readonly groupKeys: Int32Array,
    /** Group g's values are values[starts[g]] up to values[starts[g + 1]]. */
    readonly starts: Int32Array,
    readonly values: Int32Array,
  ) {
    this.mask = slots.length - 1;
  }

  /**
   * Builds the table of the pairs (keys[i], values[i]). Keys should already be well mixed: the
   * slot is the key's low bits. Each group keeps its values in input order.
   */
  static build(keys: Int32Array, values: Int32Array): PostingTable {
    const n = keys.length;
    let capacity = 16;
    while (capacity < 2 * n) capacity *= 2;
    const mask = capacity - 1;
    const slots = new Int32Array(capacity).fill(-1);
    const groupKeys = new Int32Array(n);
    const groupOf = new Int32Array(n);
    const starts = new Int32Array(n + 1);
    let groups = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      let slot = key & mask;
      while (slots[slot] !== -1 && groupKeys[slots[slot]!] !== key) slot = (slot + 1) & mask;
      if (slots[slot] === -1) {
        slots[slot] = groups;
        groupKeys[groups++] = key;
      }
      const group = slots[slot]!;
      groupOf[i] = group;
      starts[group + 1]!++;
    }
    for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
    const cursor = starts.slice(0, groups);
    const grouped = new Int32Array(n);
    for (let i = 0; i < n; i++) grouped[cursor[groupOf[i]!]!++] = values[i]!;
    return new PostingTable(slots, groupKeys.slice(0, groups), starts.slice(0, groups + 1), grouped);
  }

  /** The group holding `key`'s values, or -1 when the key is absent. */
  group(key: number): number {
    const slots = this.slots;
    let slot = key & this.mask;
    for (;;) {
      const group = slots[slot]!;
      if (group === -1 || this.groupKeys[group] === key) return group;
      slot = (slot + 1) & this.mask;
    }
  }
}
