import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.js";
import type { Queryable, Store } from "./store.js";
import { openTestStore, POSTGRES_SUITE, TEST_DATABASE_URL } from "./test-store.testing.js";

const migrationsDir = fileURLToPath(new URL("fixtures/migrations-contract", import.meta.url));

let directory: string | undefined;
const inDirectory = async () => {
  directory ??= join(await mkdtemp(join(tmpdir(), "rampart-contract-")), "nested", "store");
  return openStore({ directory, migrationsDir });
};

const backends = [
  { title: "pglite (in memory)", kind: "pglite", skip: false, open: () => openTestStore("pglite", { migrationsDir }) },
  { title: "pglite (directory)", kind: "pglite", skip: false, open: inDirectory, reopen: inDirectory },
  {
    title: POSTGRES_SUITE,
    kind: "postgres",
    skip: !TEST_DATABASE_URL,
    open: () => openTestStore("postgres", { migrationsDir }),
  },
] as const;

afterAll(async () => {
  if (directory) await rm(join(directory, "..", ".."), { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends) {
  describe.skipIf(backend.skip)(backend.title, () => {
    let store: Store;
    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const counter = async () =>
      (await store.query<{ value: number }>("SELECT value FROM counter WHERE id = 1"))[0]!.value;

    it("runs a parameterised query", async () => {
      expect(store.kind).toBe(backend.kind);
      const rows = await store.query("SELECT $1::int4 + $2::int4 AS sum, $3::text AS label", [2, 3, "x"]);
      expect(rows).toEqual([{ sum: 5, label: "x" }]);
    });

    it("reads int8, bytea, timestamptz, jsonb and date back the same on both backends", async () => {
      const at = new Date("2024-02-29T12:34:56.789Z");
      const doc = { a: [1, "x", null], nested: { ok: true } };
      const [{ id }] = (await store.query<{ id: number }>(
        "INSERT INTO samples (big, bytes, at, doc, day) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        [Number.MAX_SAFE_INTEGER, new Uint8Array([0, 1, 255]), at, doc, "2024-02-29"],
      )) as [{ id: number }];
      const [row] = await store.query<Record<string, unknown>>("SELECT * FROM samples WHERE id = $1", [id]);
      expect(row!.bytes).toBeInstanceOf(Uint8Array);
      expect({ ...row, bytes: [...(row!.bytes as Uint8Array)] }).toEqual({
        id,
        big: Number.MAX_SAFE_INTEGER,
        bytes: [0, 1, 255],
        at,
        doc,
        day: "2024-02-29",
      });
      const [arrays] = await store.query(
        "SELECT ARRAY[[1, 2], [3, NULL]]::int8[] AS ints, ARRAY['2024-01-01'::date] AS days, count(*) AS n, '1 day'::interval AS span, ARRAY[1.10]::numeric[] AS nums",
      );
      expect(arrays).toEqual({
        ints: [
          [1, 2],
          [3, null],
        ],
        days: ["2024-01-01"],
        n: 1,
        span: "1 day",
        nums: ["1.10"],
      });
    });

    it("refuses an int8 beyond Number.MAX_SAFE_INTEGER rather than round it, and stays usable", async () => {
      await expect(store.query("SELECT 9007199254740993::int8 AS big")).rejects.toMatchObject({ code: "STORE_FAILED" });
      await expect(store.query("SELECT ARRAY[9007199254740993]::int8[] AS big")).rejects.toMatchObject({
        code: "STORE_FAILED",
      });
      expect(await store.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    });

    it("keeps the database's error code and runs one statement per query", async () => {
      await expect(store.query("INSERT INTO counter VALUES (1, 0)")).rejects.toMatchObject({ code: "23505" });
      await expect(store.query("SELECT 1; SELECT 2")).rejects.toMatchObject({ code: "42601" });
    });

    it("commits a transaction and returns what the work returned", async () => {
      const result = await store.transaction(async (tx) => {
        await tx.query("INSERT INTO samples (doc) VALUES ($1)", [{ committed: true }]);
        return "done";
      });
      expect(result).toBe("done");
      expect(await store.query("SELECT id FROM samples WHERE doc = $1", [{ committed: true }])).toHaveLength(1);
    });

    it("rolls back everything when the work throws, and rethrows its error", async () => {
      const failure = new Error("work failed");
      await expect(
        store.transaction(async (tx) => {
          await tx.query("INSERT INTO samples (doc) VALUES ($1)", [{ rolledBack: true }]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.query("SELECT id FROM samples WHERE doc = $1", [{ rolledBack: true }])).toEqual([]);
    });

    it("reports a transaction whose failed statement was caught as rolled back, not committed", async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.query("INSERT INTO samples (doc) VALUES ($1)", [{ caught: true }]);
          await tx.query("INSERT INTO counter VALUES (1, 0)").catch(() => undefined);
        }),
      ).rejects.toMatchObject({ code: "STORE_FAILED", message: expect.stringContaining("rolled back") });
      expect(await store.query("SELECT id FROM samples WHERE doc = $1", [{ caught: true }])).toEqual([]);
    });

    it("gives each of two concurrent read-modify-write transactions its own turn (+2, not +1)", async () => {
      const before = await counter();
      const increment = () =>
        store.transaction(async (tx) => {
          const [row] = await tx.query<{ value: number }>("SELECT value FROM counter WHERE id = 1 FOR UPDATE");
          await sleep(20);
          await tx.query("UPDATE counter SET value = $1 WHERE id = 1", [row!.value + 1]);
        });
      await Promise.all([increment(), increment()]);
      expect(await counter()).toBe(before + 2);
    });

    it("refuses the store inside its own transaction, and a tx handle after its transaction", async () => {
      let leaked: Queryable | undefined;
      await expect(
        store.transaction(async (tx) => {
          leaked = tx;
          await store.query("SELECT 1");
        }),
      ).rejects.toMatchObject({ code: "STORE_FAILED", message: expect.stringContaining("tx handle") });
      await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toMatchObject({
        code: "STORE_FAILED",
      });
      await expect(leaked!.query("SELECT 1")).rejects.toMatchObject({ code: "STORE_FAILED" });
    });

    if (backend.kind === "pglite") {
      it("runs transactions and queries one after another, never interleaved", async () => {
        const events: string[] = [];
        let firstBegan = () => {};
        const began = new Promise<void>((resolve) => {
          firstBegan = resolve;
        });
        const increment = (name: string) => async (tx: Queryable) => {
          events.push(`${name} begins`);
          firstBegan();
          const [row] = await tx.query<{ value: number }>("SELECT value FROM counter WHERE id = 1");
          await sleep(20);
          await tx.query("UPDATE counter SET value = $1 WHERE id = 1", [row!.value + 1]);
          events.push(`${name} commits`);
        };
        const before = await counter();
        // Issued while a is open, from outside it: it must wait for the COMMITs, not join a.
        const read = began.then(async () => {
          events.push("query issued");
          const value = await counter();
          events.push("query answered");
          return value;
        });
        const [, , seen] = await Promise.all([
          store.transaction(increment("a")),
          store.transaction(increment("b")),
          read,
        ]);
        expect(await counter()).toBe(before + 2);
        expect(events).toEqual(["a begins", "query issued", "a commits", "b begins", "b commits", "query answered"]);
        expect(seen).toBe(before + 2);
      });
    }

    if ("reopen" in backend) {
      it("keeps what it committed after close and re-open", async () => {
        const before = await counter();
        await store.transaction((tx) => tx.query("UPDATE counter SET value = value + 1 WHERE id = 1"));
        await store.close();
        store = await backend.reopen();
        expect(await counter()).toBe(before + 1);
      });
    }
  });
}
