import type { Command } from "commander";
import type { CliIo } from "./io.js";

/** Exit codes: 0 success, 1 found what `--fail-on` asked about, 2 bad usage or bad input, 70 a bug of ours. */
export const EXIT = { ok: 0, found: 1, usage: 2, internal: 70 } as const;

/** What a command's action sees: the streams, and where it leaves the exit code for `main`. */
export interface CommandContext {
  readonly io: CliIo;
  exitCode: number;
}

/** Adds one subcommand to the program; each command module exports one, listed once in main.ts. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;
