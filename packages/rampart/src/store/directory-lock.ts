import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { RampartError } from "@rampart/guard";

const LOCK_FILE = "rampart.lock";

/** Releases the lock; safe to call twice. */
export type Unlock = () => Promise<void>;

/**
 * Claims a PGlite directory for this process. PGlite is Postgres inside one process: a second
 * process opening the same directory corrupts it. The owner is always on this machine, so whether
 * its pid is alive is exact, and a lock left by a killed process is taken over at once (lock
 * libraries that judge staleness by age would refuse a restart for their whole stale period).
 */
export async function lockDirectory(directory: string): Promise<Unlock> {
  const file = join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new RampartError(
          "STORE_FAILED",
          `Could not lock the embedded store in ${directory}: ${(error as Error).message}.`,
          {
            cause: error,
          },
        );
      }
    }
    const owner = Number((await readFile(file, "utf8").catch(() => "")).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new RampartError(
        "STORE_FAILED",
        `The embedded store in ${directory} is in use by process ${owner}: PGlite serves one process at a time. Stop that process, use another --store-dir, or set DATABASE_URL to share a PostgreSQL server.`,
      );
    }
    if (owner === process.pid) {
      throw new RampartError(
        "STORE_FAILED",
        `The embedded store in ${directory} is already open in this process: close it first.`,
      );
    }
    // The owner is gone (killed, crashed): its lock is stale.
    await rm(file, { force: true });
  }
  throw new RampartError(
    "STORE_FAILED",
    `Could not lock the embedded store in ${directory}: another process keeps claiming it.`,
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
