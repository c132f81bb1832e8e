/** Which database a store runs on. */
export type StoreKind = "pglite" | "postgres";

/** Anything that runs SQL: the store itself, or the handle of one transaction. */
export interface Queryable {
  /**
   * Runs one parameterised statement ($1, $2 …) and returns its rows. Pass a json/jsonb array as
   * JSON.stringify(value): node-postgres would send a JS array as a PostgreSQL array.
   */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * The one storage interface of the exchange, the red-team runner and the ledger: PostgreSQL SQL on
 * either backend, with values read back the same way on both (int8 as number, bytea as Uint8Array,
 * timestamptz as Date, json/jsonb parsed, date as "YYYY-MM-DD" text).
 */
export interface Store extends Queryable {
  readonly kind: StoreKind;
  /**
   * Runs work in one transaction (BEGIN … COMMIT, ROLLBACK on throw) on one connection. Inside it, use
   * only the tx handle: calling the store itself there is refused, as the embedded store has a single
   * connection and would wait for ever.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The server-side name of a notification channel. Channels belong to the whole database, not a
   * schema, so the name carries the schema: send with `SELECT pg_notify($1, $2)` and this name.
   * A notification sent inside a transaction is delivered when it commits, and never if it rolls back.
   */
  channel(name: string): string;
  /**
   * Calls `onNotify` with the payload of every notification on the channel, from this process or any
   * other sharing the database. After the connection that listens was lost and restored, it is called
   * once with "" (notifications may have been missed meanwhile: re-read what you follow).
   */
  listen(name: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

/** Stops a listen; safe to call twice. */
export type Unlisten = () => Promise<void>;

/** One connection held by whoever opened the store, while it prepares the schema: scripts as well as queries. */
export interface Session extends Queryable {
  /** Runs a script of several statements, without parameters. */
  exec(script: string): Promise<void>;
}

/** Work done on a fresh store before anyone else may use it (schema and migrations). */
export type Prepare = (session: Session) => Promise<void>;
