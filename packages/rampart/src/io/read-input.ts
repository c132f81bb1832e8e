import { readFile } from "node:fs/promises";
import { RampartError } from "@rampart/guard";

/** Reads a file the user named; a missing or unreadable one is bad input (exit 2), not a crash. */
export async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RampartError("INPUT_INVALID", `${path}: cannot read the ${what}: ${reason}`, { cause });
  }
}
