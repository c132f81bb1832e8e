import type { Command } from "commander";
import { openStore, resolveStoreLocation, type Store } from "../store/index.js";
import type { CliIo } from "./io.js";

/** Which store a command uses: the embedded one in a directory, or a PostgreSQL server. */
export interface StoreFlags {
  readonly storeDir?: string;
  readonly database?: string;
}

/** Adds --store-dir and --database, the same for every command with a store. */
export function withStoreOptions(command: Command): Command {
  return command
    .option("--store-dir <dir>", "embedded store directory (default $RAMPART_STORE_DIR or .rampart/store)")
    .option("--database <url>", "PostgreSQL URL instead of the embedded store (default $DATABASE_URL)");
}

/** Opens (and migrates) the store the flags and environment name; the caller closes it. */
export function openStoreFrom(flags: StoreFlags, io: CliIo): Promise<Store> {
  return openStore(resolveStoreLocation(io.env, { database: flags.database, storeDir: flags.storeDir }));
}
