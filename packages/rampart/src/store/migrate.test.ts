import { appendFile, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type StoreOptions } from "./open-store.js";
import type { Store } from "./store.js";
import { dropSchema, POSTGRES_SUITE, randomSchema, TEST_DATABASE_URL } from "./test-store.testing.js";

const basic = fileURLToPath(new URL("fixtures/migrations-basic", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function tempDir(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "rampart-migrate-"));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

const backends = [
  { title: "pglite (directory)", skip: false, location: async () => ({ directory: join(await tempDir(), "store") }) },
  {
    title: POSTGRES_SUITE,
    skip: !TEST_DATABASE_URL,
    location: async () => {
      const schema = randomSchema();
      cleanups.push(() => dropSchema(schema));
      return { databaseUrl: TEST_DATABASE_URL, schema };
    },
  },
];

async function withStore<T>(options: StoreOptions, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

const state = (store: Store) =>
  Promise.all([
    store.query("SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version"),
    store.query("SELECT version, count(*) AS runs FROM migration_log GROUP BY version ORDER BY version"),
  ]);

for (const backend of backends) {
  describe.skipIf(backend.skip)(backend.title, () => {
    let migrationsDir: string;
    let location: StoreOptions;
    beforeEach(async () => {
      migrationsDir = await tempDir();
      await cp(basic, migrationsDir, { recursive: true });
      location = await backend.location();
    });

    it("applies each migration once, applies nothing new on re-open, and refuses one edited since", async () => {
      const first = await withStore({ ...location, migrationsDir }, state);
      const [applied, runs] = first;
      expect(applied.map(({ version, name }) => ({ version, name }))).toEqual([
        { version: 1, name: "create_notes" },
        { version: 2, name: "add_note_tags" },
      ]);
      expect(applied[0]!.applied_at).toBeInstanceOf(Date);
      expect(runs).toEqual([
        { version: 1, runs: 1 },
        { version: 2, runs: 1 },
      ]);
      expect(await withStore({ ...location, migrationsDir }, state)).toEqual(first);

      await appendFile(join(migrationsDir, "0002_add_note_tags.sql"), "-- edited\n");
      await expect(openStore({ ...location, migrationsDir })).rejects.toMatchObject({
        code: "MIGRATION_FAILED",
        message: expect.stringContaining("0002_add_note_tags.sql changed after it was applied"),
      });
    });

    it("applies nothing of a failing migration and keeps the ones before it", async () => {
      await writeFile(join(migrationsDir, "0003_broken.sql"), "CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n");
      await expect(openStore({ ...location, migrationsDir })).rejects.toMatchObject({
        code: "MIGRATION_FAILED",
        message: expect.stringContaining("0003_broken.sql failed"),
      });
      await rm(join(migrationsDir, "0003_broken.sql"));
      const [applied] = await withStore({ ...location, migrationsDir }, state);
      expect(applied.map((row) => row.version)).toEqual([1, 2]);
      await withStore({ ...location, migrationsDir }, async (store) => {
        expect(await store.query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
      });
    });
  });
}

describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => {
  it("applies each migration exactly once when two nodes open the same schema at the same moment", async () => {
    const schema = randomSchema();
    cleanups.push(() => dropSchema(schema));
    const options = { databaseUrl: TEST_DATABASE_URL, schema, migrationsDir: basic };
    const stores = await Promise.all([openStore(options), openStore(options), openStore(options)]);
    try {
      const [applied, runs] = await state(stores[0]!);
      expect(applied).toHaveLength(2);
      expect(runs).toEqual([
        { version: 1, runs: 1 },
        { version: 2, runs: 1 },
      ]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("keeps schemas apart: the same migrations apply in each", async () => {
    const schemas = [randomSchema(), randomSchema()];
    for (const schema of schemas) cleanups.push(() => dropSchema(schema));
    for (const schema of schemas) {
      await withStore({ databaseUrl: TEST_DATABASE_URL, schema, migrationsDir: basic }, async (store) => {
        await store.query("INSERT INTO notes (body) VALUES ($1)", [schema]);
        expect(await store.query("SELECT body FROM notes")).toEqual([{ body: schema }]);
      });
    }
  });
});
