import { fileURLToPath } from "node:url";
import { RampartError } from "@rampart/guard";
import { migrate } from "./migrate.js";
import { readMigrations } from "./migration-files.js";
import { openPgliteStore } from "./pglite-store.js";
import { maskUrl, openPostgresStore } from "./postgres-store.js";
import type { Session, Store } from "./store.js";

/** Where a store lives and how it is set up. */
export interface StoreOptions {
  /** postgres://… : a real PostgreSQL server. Absent: the embedded PGlite store. */
  readonly databaseUrl?: string;
  /** PGlite data directory; absent with no databaseUrl = in-memory PGlite (tests). */
  readonly directory?: string;
  /** PostgreSQL schema to use, created if missing: lets tests and tenants share one database. Default "public". */
  readonly schema?: string;
  /** Folder of NNNN_name.sql migrations; default packages/rampart/migrations (none if it does not exist). */
  readonly migrationsDir?: string;
  /** Pool size for PostgreSQL (default 10). */
  readonly maxConnections?: number;
}

/** packages/rampart/migrations: two levels up from src/store (vitest) and from dist/store (built) alike. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Opens the store the options name and brings its schema up to date with the migrations. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const schema = options.schema ?? "public";
  if (!PLAIN_IDENTIFIER.test(schema)) {
    throw new RampartError(
      "STORE_FAILED",
      `The schema name ${JSON.stringify(schema)} is not a plain identifier: use lower-case letters, digits and _ (at most 63), not starting with a digit.`,
    );
  }
  const migrations = await readMigrations(
    options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
    options.migrationsDir !== undefined,
  );
  const prepare = (session: Session) => migrate(session, schema, migrations);
  if (options.databaseUrl === undefined) return openPgliteStore({ directory: options.directory, schema }, prepare);
  const maxConnections = options.maxConnections ?? 10;
  if (!POSTGRES_URL.test(options.databaseUrl) || !Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new RampartError(
      "STORE_FAILED",
      `Cannot use PostgreSQL at ${maskUrl(options.databaseUrl)} with ${maxConnections} connections: the URL must start with postgres:// or postgresql:// and the pool needs at least 1 connection.`,
    );
  }
  return openPostgresStore({ url: options.databaseUrl, schema, maxConnections }, prepare);
}

/**
 * The store the command line and environment name. Flags beat the environment: --database, then
 * --store-dir; then DATABASE_URL (PostgreSQL, in the schema RAMPART_DATABASE_SCHEMA, default public);
 * then RAMPART_STORE_DIR; else the embedded store in .rampart/store.
 */
export function resolveStoreLocation(
  env: Readonly<Record<string, string | undefined>>,
  flags: { database?: string; storeDir?: string },
): StoreOptions {
  const schema = env.RAMPART_DATABASE_SCHEMA ? { schema: env.RAMPART_DATABASE_SCHEMA } : {};
  if (flags.database) return { databaseUrl: flags.database, ...schema };
  if (flags.storeDir) return { directory: flags.storeDir };
  // An empty variable (DATABASE_URL= in a .env file) means unset, not "connect to nothing".
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, ...schema };
  return { directory: env.RAMPART_STORE_DIR || ".rampart/store" };
}
