import { RampartError } from "@rampart/guard";
import type { Migration } from "./migration-files.js";
import type { Session } from "./store.js";

// Advisory-lock key space of rampart ("RAMP"); the second key is the schema, so tenants in one
// database migrate side by side while nodes sharing a schema take turns.
const LOCK_CLASS = 0x52414d50;

interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly sha256: string;
}

/**
 * Creates the schema if missing and applies the migrations it lacks, each in its own transaction,
 * holding an advisory lock on the session meanwhile, so nodes that start together apply each one once.
 */
export async function migrate(session: Session, schema: string, migrations: readonly Migration[]): Promise<void> {
  const lockKeys = [LOCK_CLASS, schema];
  await setUp(schema, () => session.query("SELECT pg_advisory_lock($1, hashtext($2))", lockKeys));
  try {
    await setUp(schema, async () => {
      // CREATE SCHEMA IF NOT EXISTS asks for the CREATE privilege even when the schema is there, which
      // a managed database's application user often lacks.
      const found = await session.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
      if (found.length === 0) await session.exec(`CREATE SCHEMA "${schema}"`);
      await session.exec(
        `CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           sha256 text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
    });
    const applied = await session.query<AppliedRow>(`SELECT version, name, sha256 FROM "${schema}".schema_migrations`);
    const pending = unapplied(migrations, applied);
    for (const migration of pending) await apply(session, schema, migration);
  } catch (error) {
    // The lock dies with the connection anyway; the error that stopped the run is the one to report.
    await session.query("SELECT pg_advisory_unlock($1, hashtext($2))", lockKeys).catch(() => undefined);
    throw error;
  }
  await session.query("SELECT pg_advisory_unlock($1, hashtext($2))", lockKeys);
}

async function setUp(schema: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (cause) {
    throw new RampartError(
      "STORE_FAILED",
      `Could not prepare the schema "${schema}": ${cause instanceof Error ? cause.message : String(cause)}. Check that the database user may create schemas and tables there.`,
      { cause },
    );
  }
}

/** The migrations not yet applied, after checking that none of the applied ones changed since. */
function unapplied(migrations: readonly Migration[], applied: readonly AppliedRow[]): Migration[] {
  const recorded = new Map(applied.map((row) => [row.version, row]));
  for (const migration of migrations) {
    const row = recorded.get(migration.version);
    if (row && (row.sha256 !== migration.sha256 || row.name !== migration.name)) {
      throw new RampartError(
        "MIGRATION_FAILED",
        `Migration ${migration.file} changed after it was applied (applied as ${String(row.version).padStart(4, "0")}_${row.name}.sql with sha256 ${row.sha256}, the file now has ${migration.sha256}). Restore the file and put the change in a new migration.`,
      );
    }
  }
  return migrations.filter((migration) => !recorded.has(migration.version));
}

async function apply(session: Session, schema: string, migration: Migration): Promise<void> {
  try {
    await session.exec("BEGIN");
    await session.exec(migration.sql);
    await session.query(`INSERT INTO "${schema}".schema_migrations (version, name, sha256) VALUES ($1, $2, $3)`, [
      migration.version,
      migration.name,
      migration.sha256,
    ]);
    await session.exec("COMMIT");
  } catch (cause) {
    await session.exec("ROLLBACK").catch(() => undefined);
    throw new RampartError(
      "MIGRATION_FAILED",
      `Migration ${migration.file} failed, and none of it was applied: ${cause instanceof Error ? cause.message : String(cause)}.`,
      { cause },
    );
  }
}
