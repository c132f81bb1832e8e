import { access } from "node:fs/promises";
import { RampartError } from "@rampart/guard";
import type { Command } from "commander";
import { readInput } from "../io/read-input.js";
import { type EarlierHead, type VerifyOptions, verifyAttestation } from "../ledger/attest/index.js";
import { readVerifier } from "../ledger/keys/key-files.js";
import { parseCheckpointBody } from "../ledger/signing/index.js";
import { type CommandContext, EXIT } from "./command.js";
import { writeLine } from "./io.js";
import { fetchConsistency, parseConsistencyProof } from "./ledger-client.js";

interface VerifyFlags {
  readonly publisherKey?: string;
  readonly logPublicKey?: string;
  readonly report?: string;
  readonly since?: string;
  readonly consistencyProof?: string;
  readonly logUrl?: string;
  readonly json?: boolean;
}

export function registerVerify(program: Command, context: CommandContext): void {
  program
    .command("verify")
    .description(
      "check an attestation offline: the publisher's signature, the report, the log's signed tree head, inclusion, and (with --since) that the log only appended",
    )
    .argument("<attestation>", "REPORT.attestation.json written by rampart attest")
    .option(
      "--publisher-key <key|file>",
      "the publisher's verifier key you trust (default: the one in the file, unpinned)",
    )
    .option("--log-public-key <key|file>", "the log's verifier key you trust (default: the one in the file, unpinned)")
    .option("--report <file>", "the report the attestation covers (default: REPORT.json beside it, when present)")
    .option("--since <checkpoint>", "a tree head you saw earlier: check the log only appended since")
    .option("--consistency-proof <file>", "the proof for --since, as get-sth-consistency returns it")
    .option("--log-url <url>", "fetch the proof for --since from this log server instead")
    .option("--json", "print one JSON object: {ok, code?, reason?, index?, treeSize?, …}")
    .action(async (attestation: string, flags: VerifyFlags) => {
      const bundle = parseJson((await readInput(attestation, "attestation")).toString("utf8"), attestation);
      const options: VerifyOptions = {
        ...(flags.publisherKey === undefined
          ? {}
          : { publisherKey: (await readVerifier(flags.publisherKey)).verifierKey }),
        ...(flags.logPublicKey === undefined ? {} : { logKey: (await readVerifier(flags.logPublicKey)).verifierKey }),
        ...(await reportOf(attestation, flags.report)),
        ...(flags.since === undefined ? {} : { earlier: await earlierHead(flags, flags.since, bundle) }),
      };
      const result = verifyAttestation(bundle, options);
      const io = context.io;
      if (flags.json) {
        await writeLine(io.stdout, JSON.stringify(result.ok ? { ...result, statement: undefined } : result));
      } else if (result.ok) {
        const pinned = (yes: boolean) => (yes ? "pinned" : "NOT pinned: taken from the file itself");
        await writeLine(
          io.stdout,
          [
            `verified: ${attestation}`,
            `  subject    ${result.statement.subject.map((s) => `${s.name} sha256:${s.digest.sha256}`).join(", ")}`,
            `  publisher  ${result.publisher} (${pinned(result.pinned.publisher)})`,
            `  log        ${result.log}, entry ${result.index} of ${result.treeSize} (${pinned(result.pinned.log)})`,
            ...(options.report === undefined ? [] : ["  report     content matches the attested result"]),
            ...(result.extends === undefined
              ? []
              : [`  history    the log only appended since size ${result.extends}`]),
          ].join("\n"),
        );
      } else {
        await writeLine(io.stderr, `verification failed (${result.code}): ${result.reason}`);
      }
      context.exitCode = result.ok ? EXIT.ok : EXIT.found;
    });
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `${file}: not JSON: ${(cause as Error).message}`, { cause });
  }
}

/** The report named, or REPORT.json beside REPORT.attestation.json when it is there. */
async function reportOf(attestation: string, named: string | undefined): Promise<{ report?: Uint8Array }> {
  if (named !== undefined) return { report: await readInput(named, "report") };
  if (!attestation.endsWith(".attestation.json")) return {};
  const beside = attestation.replace(/\.attestation\.json$/, ".json");
  try {
    await access(beside);
  } catch {
    return {};
  }
  return { report: await readInput(beside, "report") };
}

async function earlierHead(flags: VerifyFlags, since: string, bundle: unknown): Promise<EarlierHead> {
  const checkpoint = (await readInput(since, "earlier checkpoint")).toString("utf8");
  if (flags.consistencyProof !== undefined) {
    const proof = await readInput(flags.consistencyProof, "consistency proof");
    return { checkpoint, consistencyProof: parseConsistencyProof(proof.toString("utf8")) };
  }
  if (flags.logUrl === undefined) {
    throw new RampartError(
      "INPUT_INVALID",
      "--since needs the log's consistency proof: --consistency-proof FILE or --log-url URL.",
    );
  }
  const oldSize = sizeOf(checkpoint, since);
  const newSize = sizeOf(bundleCheckpoint(bundle), "the attestation's checkpoint");
  if (oldSize === 0 || oldSize >= newSize) return { checkpoint, consistencyProof: [] };
  return { checkpoint, consistencyProof: await fetchConsistency(flags.logUrl, oldSize, newSize) };
}

function sizeOf(note: string, where: string): number {
  const end = note.indexOf("\n\n");
  if (end < 0) throw new RampartError("INPUT_INVALID", `${where}: not a signed checkpoint note`);
  return parseCheckpointBody(note.slice(0, end + 1)).size;
}

function bundleCheckpoint(bundle: unknown): string {
  const checkpoint = (bundle as { log?: { checkpoint?: unknown } } | null)?.log?.checkpoint;
  return typeof checkpoint === "string" ? checkpoint : "";
}
