import type { Queryable } from "../../store/index.js";

/**
 * A CTE that takes the next exchange seq, with the time it was taken. The UPDATE locks the head row
 * until the transaction ends, so writers commit in seq order and a reader paging "after seq N" can
 * never miss a row that commits later with a smaller seq. The time is clock_timestamp(), read under
 * the same lock, so it grows with seq (now() is the transaction's start, which does not); it is cut
 * to milliseconds, what a JS Date holds, so a time read back and passed as added_after is exact.
 */
export const NEXT_SEQ =
  "head AS (UPDATE exchange_head SET seq = seq + 1 RETURNING seq, date_trunc('milliseconds', clock_timestamp()) AS at)";

/** The latest seq handed out: a fresh subscriber's starting cursor. */
export async function headSeq(q: Queryable): Promise<number> {
  const [head] = await q.query<{ seq: number }>("SELECT seq FROM exchange_head");
  return head!.seq;
}
