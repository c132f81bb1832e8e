import { dirname, join } from "node:path";
import type { Command } from "commander";
import { logSigner } from "../ledger/keys/key-files.js";
import { LedgerLog } from "../ledger/log/ledger-log.js";
import { resolveStoreLocation, type Store } from "../store/index.js";
import type { CliIo } from "./io.js";
import { openStoreFrom, type StoreFlags, withStoreOptions } from "./store-options.js";

export interface LedgerFlags extends StoreFlags {
  readonly logKey?: string;
}

/** The log's name when the CLI creates its key; C2SP origins look like a URL without the scheme. */
export const DEFAULT_LOG_ORIGIN = "localhost/rampart-ledger";

/** Adds the options that say which store holds the log and which key signs its tree heads. */
export function withLedgerOptions(command: Command): Command {
  return withStoreOptions(command).option(
    "--log-key <file>",
    "the log's signer key file (default $RAMPART_LOG_KEY or ledger.key beside the store, created on first use)",
  );
}

export interface OpenLedger {
  readonly log: LedgerLog;
  readonly store: Store;
}

/** Opens the store (applying migrations) and the log over it; the caller closes the store. */
export async function openLedger(flags: LedgerFlags, io: CliIo): Promise<OpenLedger> {
  const store = await openStoreFrom(flags, io);
  try {
    return { log: await ledgerOn(store, flags, io), store };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The log in a store already open, signing with the key the flags or environment name (made on first use). */
export async function ledgerOn(store: Store, flags: LedgerFlags, io: CliIo): Promise<LedgerLog> {
  const location = resolveStoreLocation(io.env, { database: flags.database, storeDir: flags.storeDir });
  const keyFile =
    flags.logKey ?? io.env.RAMPART_LOG_KEY ?? join(dirname(location.directory ?? ".rampart/store"), "ledger.key");
  return LedgerLog.open({ store, signer: await logSigner(keyFile, DEFAULT_LOG_ORIGIN) });
}

/** Runs work against the log and always closes the store, so a command never leaves PGlite half-open. */
export async function withLedger<T>(flags: LedgerFlags, io: CliIo, work: (log: LedgerLog) => Promise<T>): Promise<T> {
  const { log, store } = await openLedger(flags, io);
  try {
    return await work(log);
  } finally {
    await store.close();
  }
}
