import type { Command } from "commander";
import type { CliIo } from "./io.js";

/** What a command's action sees: the streams, and where it leaves the exit code for `main`. */
export interface CommandContext {
  readonly io: CliIo;
  exitCode: number;
}

/** Adds one subcommand to the program; each command module exports one, listed once in main.ts. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;
