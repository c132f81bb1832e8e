import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { CommandContext } from "./command.js";
import { writeLine } from "./io.js";
import { type LedgerFlags, withLedger, withLedgerOptions } from "./ledger-options.js";

export function registerLedger(program: Command, context: CommandContext): void {
  const ledger = program.command("ledger").description("the local transparency log that rampart attest appends to");
  withLedgerOptions(
    ledger
      .command("checkpoint")
      .description(
        "print the log's signed tree head (a C2SP checkpoint); keep it to check later heads with verify --since",
      ),
  ).action(async (flags: LedgerFlags) => {
    const head = await withLedger(flags, context.io, (log) => log.checkpoint());
    context.io.stdout.write(head.note);
  });
  withLedgerOptions(
    ledger
      .command("consistency")
      .description("print the proof that the tree of --to entries extends the tree of --from entries")
      .requiredOption("--from <size>", "the earlier tree size", parseSize)
      .option("--to <size>", "the later tree size (default: the current size)", parseSize),
  ).action(async (flags: LedgerFlags & { from: number; to?: number }) => {
    const proof = await withLedger(flags, context.io, async (log) =>
      log.consistencyProof(flags.from, flags.to ?? (await log.size())),
    );
    await writeLine(
      context.io.stdout,
      JSON.stringify({ consistency: proof.map((h) => Buffer.from(h).toString("base64")) }),
    );
  });
}

function parseSize(value: string): number {
  const size = Number(value);
  if (!Number.isSafeInteger(size) || size < 1) throw new InvalidArgumentError("expected a tree size of at least 1");
  return size;
}
