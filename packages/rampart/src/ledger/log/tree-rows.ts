import type { Queryable } from "../../store/index.js";

// Hashes and entries travel as base64 text decoded by the server: PGlite serialises a bytea
// parameter at about 4 MB/s, base64 text several times faster, and PostgreSQL takes either.
const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

import { type NodeKey, nodeKeyId } from "../merkle/index.js";

/** Reads the stored hashes of the given complete subtrees in one query: a proof costs one round trip. */
export async function readNodes(db: Queryable, keys: readonly NodeKey[]): Promise<Map<string, Uint8Array>> {
  const hashes = new Map<string, Uint8Array>();
  if (keys.length === 0) return hashes;
  const rows = await db.query<{ level: number; idx: number; hash: Uint8Array }>(
    `SELECT n.level, n.idx, n.hash FROM ledger_nodes n
       JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
    [keys.map((key) => key.level), keys.map((key) => key.index)],
  );
  for (const row of rows) hashes.set(nodeKeyId({ level: row.level, index: row.idx }), row.hash);
  return hashes;
}

/** Writes completed subtrees; a key written twice means two sequencers raced, which the head lock forbids. */
export async function writeNodes(
  db: Queryable,
  nodes: readonly { readonly key: NodeKey; readonly hash: Uint8Array }[],
): Promise<void> {
  if (nodes.length === 0) return;
  await db.query(
    `INSERT INTO ledger_nodes (level, idx, hash)
       SELECT level, idx, decode(hash, 'base64') FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS n(level, idx, hash)`,
    [nodes.map((node) => node.key.level), nodes.map((node) => node.key.index), nodes.map((node) => base64(node.hash))],
  );
}

export async function writeEntries(
  db: Queryable,
  firstIndex: number,
  entries: readonly { readonly entry: Uint8Array; readonly leafHash: Uint8Array }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO ledger_entries (idx, leaf_hash, entry)
       SELECT idx, decode(leaf_hash, 'base64'), decode(entry, 'base64')
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS e(idx, leaf_hash, entry)`,
    [
      entries.map((_, i) => firstIndex + i),
      entries.map((e) => base64(e.leafHash)),
      entries.map((e) => base64(e.entry)),
    ],
  );
}

/** The indices of entries already in the log, by leaf hash (hex). */
export async function findLeaves(db: Queryable, leafHashes: readonly Uint8Array[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (leafHashes.length === 0) return found;
  const rows = await db.query<{ idx: number; leaf_hash: Uint8Array }>(
    "SELECT idx, leaf_hash FROM ledger_entries WHERE leaf_hash IN (SELECT decode(h, 'base64') FROM unnest($1::text[]) AS h)",
    [leafHashes.map(base64)],
  );
  for (const row of rows) found.set(Buffer.from(row.leaf_hash).toString("hex"), row.idx);
  return found;
}
