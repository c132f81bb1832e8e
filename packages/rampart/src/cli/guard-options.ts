import { createGuard, type Guard, RampartError } from "@rampart/guard";
import type { Command } from "commander";
import { decodeUtf8 } from "../io/lines.js";
import { loadPolicy } from "../policy/load.js";
import { loadSignatureSet } from "../signatures/load.js";
import { loadModel } from "../train/load-model.js";
import { EXIT } from "./command.js";
import type { CliIo } from "./io.js";

export interface GuardFlags {
  readonly policy?: string;
  readonly signatures?: string;
  readonly model?: string;
  /** False with --no-classifier. */
  readonly classifier: boolean;
}

/** The flags that shape the guard, shared by every command that builds one. */
export function withGuardOptions(command: Command): Command {
  return command
    .option("--policy <file>", "policy file (YAML or JSON) over the default policy")
    .option("--signatures <file>", "signature set (JSON) to use instead of the built-in starter set")
    .option("--model <file>", "classifier model (JSON from `rampart train`) to use instead of the built-in one")
    .option("--no-classifier", "run without the learned classifier (heuristics and signatures only)");
}

export async function guardFrom(flags: GuardFlags): Promise<Guard> {
  const policy = flags.policy === undefined ? {} : await loadPolicy(flags.policy);
  const signatures = flags.signatures === undefined ? undefined : await loadSignatureSet(flags.signatures);
  const classifier = !flags.classifier ? null : flags.model === undefined ? undefined : await loadModel(flags.model);
  return createGuard(policy, {
    ...(signatures === undefined ? {} : { signatures }),
    ...(classifier === undefined ? {} : { classifier }),
  });
}

/**
 * The text to screen: the argument, or all of stdin when it is piped. A single trailing newline is
 * dropped, as a shell's `$(…)` would, so `echo text | rampart check` screens what was typed.
 */
export async function textFrom(argument: string | undefined, io: CliIo, command: Command): Promise<string> {
  if (argument !== undefined) return argument;
  if (io.stdin.isTTY === true) {
    command.error(`error: give a text to ${command.name()}, or pipe one on stdin`, { exitCode: EXIT.usage });
  }
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
  const text = decodeUtf8(Buffer.concat(chunks));
  if (text === undefined) throw new RampartError("INPUT_INVALID", "<stdin>: invalid UTF-8: give text encoded as UTF-8");
  return text.endsWith("\r\n") ? text.slice(0, -2) : text.endsWith("\n") ? text.slice(0, -1) : text;
}
