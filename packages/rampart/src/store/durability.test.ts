import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type StoreOptions } from "./open-store.js";
import { dropSchema, POSTGRES_SUITE, randomSchema, TEST_DATABASE_URL } from "./test-store.testing.js";

const child = fileURLToPath(new URL("fixtures/kill-child.mjs", import.meta.url));
const migrationsDir = fileURLToPath(new URL("fixtures/migrations-durability", import.meta.url));
const ACKS_BEFORE_KILL = 25;

/** Runs the child until it has acknowledged enough commits, kills it with SIGKILL, and returns every id it acknowledged. */
function acknowledgedBeforeKill(args: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const childProcess = spawn(process.execPath, [child, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const acked: number[] = [];
    let pending = "";
    let stderr = "";
    childProcess.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    childProcess.stdout.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop()!;
      acked.push(...lines.map(Number));
      if (acked.length >= ACKS_BEFORE_KILL) childProcess.kill("SIGKILL");
    });
    childProcess.on("error", reject);
    childProcess.on("close", (code, signal) => {
      if (signal === "SIGKILL") resolve(acked);
      else reject(new Error(`the child exited with ${code} before it was killed: ${stderr}`));
    });
  });
}

async function survivesKill(options: StoreOptions, childArgs: readonly string[]): Promise<void> {
  // The child must have the database to itself: PGlite allows one process per directory.
  await (await openStore({ ...options, migrationsDir })).close();
  const acked = await acknowledgedBeforeKill(childArgs);
  expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
  const store = await openStore({ ...options, migrationsDir });
  try {
    const rows = await store.query<{ id: number }>("SELECT id FROM acked");
    const stored = new Set(rows.map((row) => row.id));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  } finally {
    await store.close();
  }
}

describe("kill -9 loses no acknowledged commit", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("pglite (directory)", { timeout: 60_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), "rampart-store-"));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const directory = join(root, "store");
    await survivesKill({ directory }, ["pglite", directory]);
  });

  it.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, async () => {
    const schema = randomSchema();
    cleanups.push(() => dropSchema(schema));
    await survivesKill({ databaseUrl: TEST_DATABASE_URL, schema }, ["postgres", TEST_DATABASE_URL!, schema]);
  });
});
