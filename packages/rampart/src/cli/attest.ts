import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { RampartError } from "@rampart/guard";
import { type Command, InvalidArgumentError } from "commander";
import { z } from "zod";
import { readInput } from "../io/read-input.js";
import { sha256Hex } from "../ledger/attest/digest.js";
import { attest, type Digested, localLog } from "../ledger/attest/index.js";
import { readSigner } from "../ledger/keys/key-files.js";
import type { CommandContext } from "./command.js";
import { writeLine } from "./io.js";
import { remoteLog } from "./ledger-client.js";
import { type LedgerFlags, withLedger, withLedgerOptions } from "./ledger-options.js";

interface AttestFlags extends LedgerFlags {
  readonly key: string;
  readonly subject?: string;
  readonly subjectDigest?: string;
  readonly subjectFile?: string;
  readonly suite?: string;
  readonly suiteDigest?: string;
  readonly suiteFile?: string;
  readonly seed?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly logUrl?: string;
}

const digested = z.strictObject({
  name: z.string().min(1),
  digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});

/** What a report may say about itself, so attesting it needs no flags (red-team and bench reports do). */
const selfDescribing = z.object({
  subject: digested.optional(),
  suite: digested.optional(),
  seed: z.number().int().optional(),
});

export function registerAttest(program: Command, context: CommandContext): void {
  const command = program
    .command("attest")
    .description(
      "sign an evaluation report (DSSE, in-toto statement), append it to the ledger and write REPORT.attestation.json",
    )
    .argument("<report>", "the report, a JSON object")
    .requiredOption("--key <file>", "the publisher's signer key (rampart key generate)")
    .option(
      "--subject <name>",
      "what was evaluated (model, app or guard, with its version); default: the report's subject",
    )
    .option("--subject-digest <sha256:hex>", "the subject's digest", parseDigest)
    .option("--subject-file <file>", "digest the subject from this file (a model's weights, an app's bundle)")
    .option("--suite <name>", "the evaluation suite; default: the report's suite")
    .option("--suite-digest <sha256:hex>", "the suite's content hash", parseDigest)
    .option("--suite-file <file>", "digest the suite from this file")
    .option("--seed <n>", "the run's seed; default: the report's seed", parseSeed)
    .option("--out <file>", "where to write the bundle (default REPORT.attestation.json)")
    .option("--json", "print one JSON object: {index, treeSize, bundle, origin}")
    .option("--log-url <url>", "append through a log server's API (rampart serve --ledger) instead of the local store");
  withLedgerOptions(command).action(async (report: string, flags: AttestFlags) => {
    const bytes = await readInput(report, "report");
    const parsed = parseReport(bytes, report);
    const described = selfDescribing.safeParse(parsed);
    const self = described.success ? described.data : {};
    const subject = await named("subject", flags.subject, flags.subjectDigest, flags.subjectFile, self.subject);
    const suite = await named("suite", flags.suite, flags.suiteDigest, flags.suiteFile, self.suite);
    const seed = flags.seed ?? self.seed;
    const publisher = await readSigner(flags.key);
    const request = {
      report: parsed,
      subject,
      suite,
      ...(seed === undefined ? {} : { seed }),
      toolVersion: VERSION,
      publisher,
    };
    const { bundle, index, treeSize } =
      flags.logUrl === undefined
        ? await withLedger(flags, context.io, (log) => attest(localLog(log), request))
        : await attest(remoteLog(flags.logUrl), request);
    const out = flags.out ?? `${report.replace(/\.json$/, "")}.attestation.json`;
    await writeFile(out, `${JSON.stringify(bundle, null, 2)}\n`);
    await writeLine(
      context.io.stdout,
      flags.json
        ? JSON.stringify({ index, treeSize, bundle: out, origin: bundle.log.origin })
        : `attested ${report}: entry ${index} of ${treeSize} in ${bundle.log.origin}; wrote ${out}`,
    );
  });
}

function parseReport(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `${file}: not a JSON report: ${(cause as Error).message}`, { cause });
  }
}

async function named(
  what: "subject" | "suite",
  name: string | undefined,
  digest: string | undefined,
  file: string | undefined,
  fromReport: Digested | undefined,
): Promise<Digested> {
  if (name === undefined && digest === undefined && file === undefined && fromReport !== undefined) return fromReport;
  if (name === undefined || (digest === undefined) === (file === undefined)) {
    throw new RampartError(
      "INPUT_INVALID",
      `Say what the ${what} is: --${what} NAME with one of --${what}-digest sha256:HEX or --${what}-file FILE (the report has no ${what} field).`,
    );
  }
  return { name, digest: { sha256: digest ?? sha256Hex(await readInput(file!, `${what} file`)) } };
}

function parseDigest(value: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(value);
  if (match === null) throw new InvalidArgumentError("expected sha256: followed by 64 lower-case hex digits");
  return match[1]!;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError("expected an integer");
  return seed;
}

const VERSION: string = createRequire(import.meta.url)("../../package.json").version;
