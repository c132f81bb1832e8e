import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import type { AdvisoryRecord } from "../model/advisory.js";
import { addOrganisation, closeStoresAfterEach, content, distribution, freshRepository } from "./fixtures.testing.js";

closeStoresAfterEach();

/** A promise and the function that settles it: holds a transaction open until the test lets it go. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

// Paging "after seq N" is only safe if no row can commit after a reader passed its seq. These
// tests need several connections, so they run on PostgreSQL only: PGlite has one connection and
// runs transactions one at a time, where the question does not arise.
describe.skipIf(!TEST_DATABASE_URL)(`exchange repository: seq paging under concurrency, ${POSTGRES_SUITE}`, () => {
  it("shows the failure it prevents: with a plain SEQUENCE a reader skips a row that commits late", async () => {
    const { store } = await freshRepository("postgres");
    await store.query("CREATE SEQUENCE control_seq");
    await store.query("CREATE TABLE control_rows (seq bigint PRIMARY KEY)");
    const held = gate();
    const slow = store.transaction(async (tx) => {
      await tx.query("INSERT INTO control_rows VALUES (nextval('control_seq'))");
      await held.wait;
    });
    await sleep(100);
    await store.query("INSERT INTO control_rows VALUES (nextval('control_seq'))");
    const page = async (after: number) =>
      (await store.query<{ seq: number }>("SELECT seq FROM control_rows WHERE seq > $1 ORDER BY seq", [after])).map(
        (row) => row.seq,
      );
    expect(await page(0)).toEqual([2]);
    held.open();
    await slow;
    expect(await page(2)).toEqual([]); // seq 1 committed behind the reader's cursor: never seen
  });

  it("makes a publish wait for an earlier one to commit, so the reader sees both, in order", async () => {
    const { repo, store } = await freshRepository("postgres");
    const acme = await addOrganisation(repo, "acme");
    const input = { creatorOrg: acme.id, distribution: distribution(), content: content() };
    const held = gate();
    const slow = store.transaction(async (tx) => {
      const record = await repo.publish(input, tx);
      await held.wait;
      return record;
    });
    await sleep(100);
    let fastDone = false;
    const fast = repo.publish(input).then((record) => {
      fastDone = true;
      return record;
    });
    await sleep(200);
    expect(fastDone).toBe(false);
    expect(await repo.after(0, 10)).toEqual([]);
    held.open();
    const [first, second] = await Promise.all([slow, fast]);
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect((await repo.after(0, 10)).map((r) => r.id)).toEqual([first.id, second.id]);
  });

  it("lets a reader paging by cursor see every one of many concurrent publishes exactly once", async () => {
    const writers = 8;
    const perWriter = 40;
    const { repo } = await freshRepository("postgres", writers + 4);
    const acme = await addOrganisation(repo, "acme");
    const input = { creatorOrg: acme.id, distribution: distribution(), content: content() };
    let writing = true;
    const published = Promise.all(
      Array.from({ length: writers }, async () => {
        const ids: string[] = [];
        for (let i = 0; i < perWriter; i++) {
          // A random pause between taking the seq and committing: the window a SEQUENCE leaves open.
          const record = await repo.transaction(async (tx) => {
            const added = await repo.publish(input, tx);
            await tx.query("SELECT pg_sleep($1)", [Math.random() * 0.003]);
            return added;
          });
          ids.push(record.id);
        }
        return ids;
      }),
    ).finally(() => {
      writing = false;
    });

    const seen: AdvisoryRecord[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const stillWriting = writing;
      const page = await repo.after(cursor, 7);
      pages++;
      seen.push(...page);
      cursor = page.at(-1)?.seq ?? cursor;
      // Done once a page read after the writers finished comes back empty.
      if (page.length === 0 && !stillWriting) break;
      if (page.length === 0) await sleep(1);
    }

    const ids = (await published).flat();
    expect(pages).toBeGreaterThan(10);
    expect(seen.map((r) => r.seq)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i + 1));
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    expect(new Set(seen.map((r) => r.id))).toEqual(new Set(ids));
  });
});
