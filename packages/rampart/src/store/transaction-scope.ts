import { AsyncLocalStorage } from "node:async_hooks";
import { RampartError } from "@rampart/guard";
import type { Queryable } from "./store.js";

interface OpenTransaction {
  open: boolean;
}

/**
 * Keeps one store's transactions honest, the same way on both backends: a tx handle stops working
 * once its transaction is over, and the store refuses to be called from inside one of its own
 * transactions (on PGlite, with one connection, that call would wait for ever; on PostgreSQL it would
 * silently run outside the transaction).
 */
export class TransactionScope {
  readonly #current = new AsyncLocalStorage<OpenTransaction>();

  /** Throws when called from inside an open transaction of this store. */
  assertOutside(): void {
    if (this.#current.getStore()?.open) {
      throw new RampartError(
        "STORE_FAILED",
        "The store was called from inside one of its own transactions; use the tx handle passed to transaction(work) instead.",
      );
    }
  }

  /** Runs work with a handle on tx that is valid only until work settles. */
  async run<T>(tx: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
    const state: OpenTransaction = { open: true };
    const handle: Queryable = {
      async query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
        if (!state.open) {
          throw new RampartError(
            "STORE_FAILED",
            "This transaction is already over; run the query on the store instead.",
          );
        }
        return tx.query<Row>(sql, params);
      },
    };
    try {
      return await this.#current.run(state, () => work(handle));
    } finally {
      state.open = false;
    }
  }
}

/** The error for a transaction whose COMMIT turned into a ROLLBACK because a statement in it had failed. */
export function rolledBack(cause?: unknown): RampartError {
  return new RampartError(
    "STORE_FAILED",
    "The transaction was rolled back instead of committed: a statement in it failed (and the error was caught). Let the error propagate, or use a SAVEPOINT to recover from it.",
    { cause },
  );
}
