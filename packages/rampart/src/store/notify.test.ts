import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "./open-store.js";
import type { Store } from "./store.js";
import { dropSchema, openTestStore, POSTGRES_SUITE, randomSchema, TEST_DATABASE_URL } from "./test-store.testing.js";

const migrationsDir = new URL("fixtures/migrations-basic", import.meta.url).pathname;
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

function waitFor(received: string[], count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5_000;
    const poll = () => {
      if (received.length >= count) resolve();
      else if (Date.now() > deadline) reject(new Error(`got ${received.length} notifications, wanted ${count}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

function contract(open: () => Promise<Store>) {
  it("delivers a notification sent in a transaction when it commits, and none when it rolls back", async () => {
    const store = await open();
    const received: string[] = [];
    const unlisten = await store.listen("events", (payload) => received.push(payload));
    await expect(
      store.transaction(async (tx) => {
        await tx.query("SELECT pg_notify($1, $2)", [store.channel("events"), "rolled back"]);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await store.transaction(async (tx) => {
      await tx.query("SELECT pg_notify($1, $2)", [store.channel("events"), "committed"]);
    });
    await waitFor(received, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(["committed"]);
    await unlisten();
    await store.query("SELECT pg_notify($1, $2)", [store.channel("events"), "after unlisten"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(["committed"]);
  });

  it("refuses a channel name that LISTEN and pg_notify would spell differently", async () => {
    const store = await open();
    expect(() => store.channel("Events")).toThrow(/lower-case/);
  });
}

describe("notifications on PGlite", () => contract(async () => track(await openTestStore("pglite"))));

describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => {
  contract(async () => track(await openTestStore("postgres")));

  it("reaches every node sharing the schema, and no node of another schema", async () => {
    const schema = randomSchema();
    const other = randomSchema();
    try {
      const nodeA = track(await openStore({ databaseUrl: TEST_DATABASE_URL, schema, migrationsDir }));
      const nodeB = track(await openStore({ databaseUrl: TEST_DATABASE_URL, schema, migrationsDir }));
      const stranger = track(await openStore({ databaseUrl: TEST_DATABASE_URL, schema: other, migrationsDir }));
      const atB: string[] = [];
      const atStranger: string[] = [];
      await nodeB.listen("feed", (payload) => atB.push(payload));
      await stranger.listen("feed", (payload) => atStranger.push(payload));
      await nodeA.query("SELECT pg_notify($1, $2)", [nodeA.channel("feed"), "42"]);
      await waitFor(atB, 1);
      expect(atB).toEqual(["42"]);
      expect(atStranger).toEqual([]);
    } finally {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await dropSchema(schema);
      await dropSchema(other);
    }
  });
});

function track(store: Store): Store {
  opened.push(store);
  return store;
}
