import type { Queryable } from "../../store/index.js";

/**
 * Claims a submission nonce for an organisation: true the first time, false when it was used before.
 * Run it in the transaction of the write it authorises, so a replay and the original can never both
 * commit. ON CONFLICT, unlike catching the unique violation, leaves that transaction usable.
 */
export async function claimNonce(tx: Queryable, org: string, nonce: string, issuedAt: Date): Promise<boolean> {
  const claimed = await tx.query(
    "INSERT INTO submission_nonces (org, nonce, issued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1",
    [org, nonce, issuedAt],
  );
  return claimed.length === 1;
}

/**
 * Forgets nonces issued before `before` and returns how many. Pass a time at least one submission
 * window ago: older submissions are refused by their timestamp, so their nonces need not be kept.
 */
export async function pruneNonces(q: Queryable, before: Date): Promise<number> {
  const [pruned] = await q.query<{ count: number }>(
    "WITH gone AS (DELETE FROM submission_nonces WHERE issued_at < $1 RETURNING 1) SELECT count(*) AS count FROM gone",
    [before],
  );
  return pruned!.count;
}
