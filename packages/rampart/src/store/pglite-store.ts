import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { RampartError } from "@rampart/guard";
import { channelName } from "./channels.js";
import { lockDirectory, type Unlock } from "./directory-lock.js";
import type { Prepare, Queryable, Session, Store } from "./store.js";
import { rolledBack, TransactionScope } from "./transaction-scope.js";
import { PGLITE_PARSERS } from "./value-types.js";

/**
 * PGlite settings for a store on disk: every commit reaches the directory before it is acknowledged,
 * so a process killed with SIGKILL loses nothing it acknowledged (fixtures/kill-child.mjs mirrors this).
 */
export const PGLITE_DURABILITY = { relaxedDurability: false } as const;

/** Where the embedded store lives: a directory, or memory when absent. */
export interface PgliteLocation {
  readonly directory?: string;
  readonly schema: string;
}

/** Opens PGlite, runs prepare on it, and returns it as a Store whose callers take turns. */
export async function openPgliteStore(location: PgliteLocation, prepare: Prepare): Promise<Store> {
  let unlock: Unlock = async () => {};
  if (location.directory !== undefined) unlock = await claim(location.directory);
  let db: PGlite | undefined;
  try {
    db = await start(location);
    await prepare(session(db));
  } catch (error) {
    await db?.close();
    await unlock();
    throw error;
  }
  return pgliteStore(db, unlock, location.schema);
}

async function claim(directory: string): Promise<Unlock> {
  try {
    // PGlite creates only the last folder of the path itself, and the lock goes in before it starts.
    await mkdir(directory, { recursive: true });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RampartError("STORE_FAILED", `Could not create the embedded store's directory ${directory}: ${reason}.`, {
      cause,
    });
  }
  return lockDirectory(directory);
}

async function start({ directory, schema }: PgliteLocation): Promise<PGlite> {
  try {
    const db = await PGlite.create({ dataDir: directory, ...PGLITE_DURABILITY, parsers: PGLITE_PARSERS });
    // One connection, so this holds for every later statement; the schema itself comes with prepare.
    await db.exec(`SET search_path TO "${schema}"`);
    return db;
  } catch (cause) {
    const where = directory === undefined ? "in memory" : `in ${directory}`;
    throw new RampartError(
      "STORE_FAILED",
      `Could not open the embedded store (PGlite) ${where}: ${cause instanceof Error ? cause.message : String(cause)}. Check that the directory is writable and no other rampart process uses it, or set DATABASE_URL to use a PostgreSQL server.`,
      { cause },
    );
  }
}

function session(db: PGlite): Session {
  return {
    query: async <Row extends object>(sql: string, params?: readonly unknown[]) =>
      (await db.query<Row>(sql, params && [...params])).rows,
    exec: async (script) => {
      await db.exec(script);
    },
  };
}

// PGlite queues query() and transaction() calls on one mutex, so a transaction never interleaves with
// another, and a plain query issued meanwhile waits for the COMMIT instead of joining it.
function pgliteStore(db: PGlite, unlock: Unlock, schema: string): Store {
  const scope = new TransactionScope();
  const { query } = session(db);
  let closing: Promise<void> | undefined;
  return {
    kind: "pglite",
    async query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      scope.assertOutside();
      return query<Row>(sql, params);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      scope.assertOutside();
      let committing = false;
      try {
        return await db.transaction(async (tx) => {
          const handle: Queryable = {
            query: async <Row extends object>(sql: string, params?: readonly unknown[]) =>
              (await tx.query<Row>(sql, params && [...params])).rows,
          };
          const result = await scope.run(handle, work);
          committing = true;
          return result;
        });
      } catch (error) {
        // PGlite reports a COMMIT that rolled back as 25P02; pg reports it only in the command tag.
        if (committing && (error as { code?: unknown }).code === "25P02") throw rolledBack(error);
        throw error;
      }
    },
    channel: (name) => channelName(schema, name),
    async listen(name, onNotify) {
      // One process, one connection: nothing can be lost between a notification and its delivery.
      const stop = await db.listen(channelName(schema, name), onNotify);
      let stopped = false;
      return async () => {
        if (stopped || closing !== undefined) return;
        stopped = true;
        await stop();
      };
    },
    close() {
      closing ??= db.close().finally(unlock);
      return closing;
    },
  };
}
