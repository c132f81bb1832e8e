import { open } from "node:fs/promises";
import { ACTION_RANK, ACTIONS, type Action, type Guard, RampartError, type Verdict } from "@rampart/guard";
import { type Command, Option } from "commander";
import { formatLineIssues, readJsonl } from "../io/jsonl.js";
import { checkRowSchema } from "../io/rows.js";
import { type CommandContext, EXIT } from "./command.js";
import { type GuardFlags, guardFrom, textFrom, withGuardOptions } from "./guard-options.js";
import { type CliIo, progressBar, writeLine } from "./io.js";

interface CheckFlags extends GuardFlags {
  readonly input?: string;
  readonly failOn?: Action;
}

/** Files at least this large get a progress bar (when stderr is a terminal). */
const PROGRESS_BYTES = 1 << 20;

export function registerCheck(program: Command, context: CommandContext): void {
  const command = program
    .command("check")
    .description("screen a text, stdin, or a JSONL file of {id, text} / {id, messages}; one JSON verdict per line")
    .argument("[text]", "text to screen (default: stdin when piped)")
    .option("--input <file>", "JSONL file to screen, one {id, text} or {id, messages} per line ('-' for stdin)")
    .addOption(new Option("--fail-on <action>", "exit 1 if any verdict is at least this action").choices(ACTIONS));
  withGuardOptions(command).action(async (text: string | undefined, flags: CheckFlags) => {
    context.exitCode = await check(text, flags, context.io, command);
  });
}

async function check(text: string | undefined, flags: CheckFlags, io: CliIo, command: Command): Promise<number> {
  if (text !== undefined && flags.input !== undefined) {
    command.error("error: give either a text or --input, not both", { exitCode: EXIT.usage });
  }
  const guard = await guardFrom(flags);
  const failRank = flags.failOn === undefined ? Number.POSITIVE_INFINITY : ACTION_RANK[flags.failOn];
  let found = false;
  const emit = async (id: string | number, verdict: Verdict) => {
    if (ACTION_RANK[verdict.action] >= failRank) found = true;
    const { action, risk, categories, signals, micros } = verdict;
    await writeLine(io.stdout, JSON.stringify({ id, action, risk, categories, signals, micros }));
  };
  if (flags.input === undefined) {
    await emit("1", guard.check(await textFrom(text, io, command)));
    return found ? EXIT.found : EXIT.ok;
  }
  const bad = await checkFile(flags.input, guard, io, emit);
  return bad ? EXIT.usage : found ? EXIT.found : EXIT.ok;
}

/** Screens every good line and reports every bad one; true when any line was bad. */
async function checkFile(
  name: string,
  guard: Guard,
  io: CliIo,
  emit: (id: string | number, verdict: Verdict) => Promise<void>,
): Promise<boolean> {
  const { chunks, size } = name === "-" ? { chunks: io.stdin, size: 0 } : await openInput(name);
  const progress = size >= PROGRESS_BYTES ? progressBar(io, size, "bytes") : undefined;
  let bad = false;
  try {
    const counted = progress === undefined ? chunks : counting(chunks, (n) => progress.increment(n));
    for await (const entry of readJsonl(counted, checkRowSchema)) {
      if (entry.ok) {
        await emit(entry.value.id, guard.check(entry.value.messages ?? entry.value.text ?? ""));
      } else {
        bad = true;
        for (const line of formatLineIssues(name === "-" ? "<stdin>" : name, entry)) await writeLine(io.stderr, line);
      }
    }
  } finally {
    progress?.stop();
  }
  return bad;
}

async function openInput(name: string): Promise<{ chunks: AsyncIterable<Uint8Array>; size: number }> {
  try {
    const handle = await open(name);
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw new Error("it is a directory");
    }
    return { chunks: handle.createReadStream(), size: stat.size };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("INPUT_INVALID", `${name}: cannot read the input: ${reason}`, { cause: error });
  }
}

async function* counting(
  chunks: AsyncIterable<Uint8Array | string>,
  onBytes: (n: number) => void,
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}
