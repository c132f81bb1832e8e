import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type StoreOptions } from "./open-store.js";
import type { Queryable, Store } from "./store.js";

/** The PostgreSQL server tests may use (DATABASE_URL); undefined skips their PostgreSQL cases. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL || undefined;

/** Title for a describe block that runs only with DATABASE_URL, saying so when it is skipped. */
export const POSTGRES_SUITE = TEST_DATABASE_URL ? "postgres" : "postgres (skipped: DATABASE_URL is not set)";

/** A schema name of its own, so test files running at once on one database never share tables. */
export function randomSchema(): string {
  return `rampart_test_${randomBytes(6).toString("hex")}`;
}

/** Drops a test schema and everything in it; nothing happens if it is not there. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A store for one test file: in-memory PGlite, or a fresh schema on DATABASE_URL that close() drops.
 * For the tests of the store's users (exchange, ledger, red team) as well as its own.
 */
export async function openTestStore(
  kind: Store["kind"],
  options: Pick<StoreOptions, "migrationsDir" | "maxConnections"> = {},
): Promise<Store> {
  if (kind === "pglite") return openStore(options);
  if (!TEST_DATABASE_URL) throw new Error("openTestStore('postgres') needs DATABASE_URL; skip the test without it.");
  const schema = randomSchema();
  const store = await openStore({ ...options, databaseUrl: TEST_DATABASE_URL, schema });
  return {
    kind: store.kind,
    query: <Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) =>
      store.query<Row>(sql, params),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => store.transaction(work),
    channel: (name) => store.channel(name),
    listen: (name, onNotify) => store.listen(name, onNotify),
    async close() {
      try {
        await store.close();
      } finally {
        await dropSchema(schema);
      }
    },
  };
}
