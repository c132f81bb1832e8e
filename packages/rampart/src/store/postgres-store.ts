import { RampartError } from "@rampart/guard";
import pg from "pg";
import { channelName } from "./channels.js";
import { PostgresListener } from "./postgres-listener.js";
import type { Prepare, Queryable, Session, Store } from "./store.js";
import { rolledBack, TransactionScope } from "./transaction-scope.js";
import { POSTGRES_TYPES } from "./value-types.js";

/** Which PostgreSQL server, schema and pool size. */
export interface PostgresLocation {
  readonly url: string;
  readonly schema: string;
  readonly maxConnections: number;
}

/** Connects a pool, runs prepare on one of its connections, and returns the pool as a Store. */
export async function openPostgresStore(location: PostgresLocation, prepare: Prepare): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: location.url,
    max: location.maxConnections,
    types: POSTGRES_TYPES,
    // A startup option, so every pooled connection has it before its first query.
    options: `-c search_path=${location.schema}`,
  });
  // An idle connection the server drops is reported here; the pool discards it and opens a fresh one
  // when next needed, so there is nothing to do but keep the process alive.
  pool.on("error", () => undefined);
  const connect = connector(pool, location.url);
  try {
    const client = await connect();
    try {
      await prepare(session(client));
      client.release();
    } catch (error) {
      client.release(true);
      throw error;
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const listener = new PostgresListener({ connectionString: location.url, types: POSTGRES_TYPES });
  return postgresStore(connect, location.schema, listener, async () => {
    await listener.close();
    await pool.end();
  });
}

/** The URL with its password replaced by ****, fit for an error message. */
export function maskUrl(url: string): string {
  // Up to the last @, as an unescaped @ in a password is a common mistake: better mask too much.
  return url.replace(/^([^:/]+:\/\/[^:@/]*:).*@/, "$1****@").replace(/([?&]password=)[^&]*/gi, "$1****");
}

/** pool.connect(), its failures told as STORE_FAILED with the server named (password masked). */
function connector(pool: pg.Pool, url: string): () => Promise<pg.PoolClient> {
  return async () => {
    try {
      return await pool.connect();
    } catch (cause) {
      throw new RampartError(
        "STORE_FAILED",
        `Could not connect to PostgreSQL at ${maskUrl(url)}: ${describe(cause)}. Check that the server is running and the URL (DATABASE_URL or --database) is right, or leave both unset to use the embedded store.`,
        { cause },
      );
    }
  };
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // Node reports a refused connection to several addresses as an AggregateError with no message.
  return cause.message || String((cause as { code?: unknown }).code ?? cause.name);
}

function session(client: pg.ClientBase): Session {
  return {
    async query<Row extends object>(sql: string, params?: readonly unknown[]) {
      // Extended protocol even without parameters, so one call is one statement on both backends.
      const config: pg.QueryConfig & { queryMode: "extended" } = {
        text: sql,
        values: params ? [...params] : [],
        queryMode: "extended",
      };
      return (await client.query(config)).rows as Row[];
    },
    exec: async (script) => {
      await client.query(script);
    },
  };
}

function postgresStore(
  connect: () => Promise<pg.PoolClient>,
  schema: string,
  listener: PostgresListener,
  end: () => Promise<void>,
): Store {
  const scope = new TransactionScope();
  let closing: Promise<void> | undefined;
  return {
    kind: "postgres",
    async query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      scope.assertOutside();
      const client = await connect();
      try {
        return await session(client).query<Row>(sql, params);
      } finally {
        client.release();
      }
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      scope.assertOutside();
      const client = await connect();
      // A connection whose BEGIN, COMMIT or ROLLBACK failed may be mid-transaction or dead: drop it.
      let discard = true;
      try {
        await client.query("BEGIN");
        let result: T;
        try {
          result = await scope.run(session(client), work);
        } catch (error) {
          // A ROLLBACK that fails means the connection is gone; the work's error is the one to report.
          await client.query("ROLLBACK").then(
            () => {
              discard = false;
            },
            () => undefined,
          );
          throw error;
        }
        const { command } = await client.query("COMMIT");
        discard = false;
        if (command === "ROLLBACK") throw rolledBack();
        return result;
      } finally {
        client.release(discard);
      }
    },
    channel: (name) => channelName(schema, name),
    listen: (name, onNotify) => listener.listen(channelName(schema, name), onNotify),
    close() {
      closing ??= end();
      return closing;
    },
  };
}
