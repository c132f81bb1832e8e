import { createHash } from "node:crypto";

/**
 * At most `perSource` rows of each source, chosen by the hash of their id: the same rows on every run
 * and every machine, spread over each file rather than its head. Returns row indices in input order.
 */
export function subsample(rows: readonly { id: string | number; source: string }[], perSource: number): number[] {
  const bySource = new Map<string, { index: number; key: string }[]>();
  rows.forEach((row, index) => {
    const key = createHash("sha256").update(`${row.source}\u0000${row.id}`).digest("hex");
    const group = bySource.get(row.source);
    if (group === undefined) bySource.set(row.source, [{ index, key }]);
    else group.push({ index, key });
  });
  const chosen: number[] = [];
  for (const group of bySource.values()) {
    group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { index } of group.slice(0, perSource)) chosen.push(index);
  }
  return chosen.sort((a, b) => a - b);
}
