import { MINHASH_BINS, minhash } from "@rampart/guard";

/** Rows per LSH band: 16 bands of 8 MinHash bins put pairs above ~0.7 Jaccard in one group. */
const ROWS_PER_BAND = 8;

/**
 * Groups texts that are near-duplicates of each other (a document with and without an injected
 * sentence, one jailbreak template with different payloads): any two that share a whole LSH band
 * of their word-shingle MinHash sketches land in one group, transitively. Returns each text's
 * group, named by its first member.
 */
export function nearDuplicateGroups(texts: readonly string[]): Int32Array {
  const parent = Int32Array.from(texts.keys());
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    let node = i;
    while (parent[node] !== root) {
      const next = parent[node]!;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const firstWithBand = new Map<string, number>();
  texts.forEach((text, i) => {
    const sketch = minhash(text);
    if (sketch === undefined) return;
    for (let band = 0; band < MINHASH_BINS / ROWS_PER_BAND; band++) {
      const key = `${band}:${sketch.subarray(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND).join(",")}`;
      const first = firstWithBand.get(key);
      if (first === undefined) {
        firstWithBand.set(key, i);
        continue;
      }
      const [a, b] = [find(first), find(i)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  return Int32Array.from(texts.keys(), (i) => find(i));
}
