import type { Command } from "commander";
import { writeKeyPair } from "../ledger/keys/key-files.js";
import type { CommandContext } from "./command.js";
import { writeLine } from "./io.js";

export function registerKey(program: Command, context: CommandContext): void {
  program
    .command("key")
    .description("manage Ed25519 signing keys (C2SP signed-note format)")
    .command("generate")
    .description("make a key pair: PREFIX.key (private, mode 0600) and PREFIX.pub (the verifier key to share)")
    .requiredOption("--name <name>", "the key's name, e.g. example.org/evals (no spaces or '+')")
    .requiredOption("--out <prefix>", "path prefix of the two files")
    .action(async (flags: { name: string; out: string }) => {
      const files = await writeKeyPair(flags.out, flags.name);
      await writeLine(context.io.stderr, `wrote ${files.signerFile} (keep it secret) and ${files.verifierFile}`);
      await writeLine(context.io.stdout, files.verifierKey);
    });
}
