import { createRequire } from "node:module";
import { RampartError } from "@rampart/guard";
import { Command, CommanderError } from "commander";
import { registerAttest } from "./attest.js";
import { registerBench } from "./bench.js";
import { registerCheck } from "./check.js";
import { type CommandContext, EXIT, type RegisterCommand } from "./command.js";

import { registerDemo } from "./demo.js";
import { registerExchange } from "./exchange.js";
import { registerExplain } from "./explain.js";
import { type CliIo, processIo } from "./io.js";
import { registerKey } from "./key.js";
import { registerLedger } from "./ledger.js";
import { registerRedteam } from "./redteam.js";
import { registerServe } from "./serve.js";
import { registerTrain } from "./train.js";
import { registerVerify } from "./verify.js";

/** Every subcommand, in the order `rampart --help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  registerDemo,
  registerCheck,
  registerExplain,
  registerBench,
  registerTrain,
  registerServe,
  registerRedteam,
  registerKey,
  registerAttest,
  registerVerify,
  registerLedger,
  registerExchange,
];

/** Entry point of the `rampart` command: returns the process exit code, never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const context: CommandContext = { io, exitCode: EXIT.ok };
  const program = new Command("rampart")
    .description("Rampart: screen LLM prompts for jailbreaks, prompt injection and harmful requests, and explain why")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError("(run with --help for usage)");
  for (const register of COMMANDS) register(program, context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return context.exitCode;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the message; only help and version requests are successes.
    return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof RampartError) {
    io.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`rampart: internal error, please report it: ${detail}\n`);
  return EXIT.internal;
}

// The same relative path from src/cli (tests) and dist/cli (the installed command).
const VERSION: string = createRequire(import.meta.url)("../../package.json").version;
