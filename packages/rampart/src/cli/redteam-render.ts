import { writeFile } from "node:fs/promises";
import { RampartError } from "@rampart/guard";
import type { Command } from "commander";
import { z } from "zod";
import { readInput } from "../io/read-input.js";
import { verifyAttestation } from "../ledger/attest/index.js";
import { readVerifier } from "../ledger/keys/key-files.js";
import { parseJsonReport, renderHtmlReport } from "../redteam/report/index.js";
import type { AttemptResult } from "../redteam/score/index.js";
import { HAZARDS } from "../redteam/types.js";
import type { CommandContext } from "./command.js";
import { writeLine } from "./io.js";

/** What render needs of a saved run beyond its summary: who and what, and every attempt. */
const savedRunSchema = z.object({
  target: z.string(),
  seed: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  toolVersion: z.string(),
  results: z.array(
    z.object({
      behaviorId: z.string(),
      category: z.enum(HAZARDS),
      severity: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
      strategy: z.string(),
      prompt: z.string(),
      outcome: z.enum(["success", "failure", "error"]),
      response: z.string().optional(),
      judge: z.string().optional(),
      reason: z.string().optional(),
      error: z.string().optional(),
      guardExplanation: z.string().optional(),
    }),
  ),
});

interface RenderFlags {
  readonly attestation?: string;
  readonly publisherKey?: string;
  readonly logPublicKey?: string;
  readonly html?: string;
}

/** `rampart redteam render REPORT.json`: the HTML report again, with the "verified" badge when its attestation checks out. */
export function registerRender(redteam: Command, context: CommandContext): void {
  redteam
    .command("render")
    .description(
      "write a run's HTML report from its report.json; with --attestation, a verified badge when the attestation checks out",
    )
    .argument("<report>", "the run's report.json")
    .option("--attestation <file>", "REPORT.attestation.json from rampart attest")
    .option("--publisher-key <key|file>", "the publisher's verifier key to pin")
    .option("--log-public-key <key|file>", "the log's verifier key to pin")
    .option("--html <file>", "where to write the HTML (default: report.html beside the report)")
    .action(async (report: string, flags: RenderFlags) => {
      const bytes = await readInput(report, "red-team report");
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString("utf8"));
      } catch (cause) {
        throw new RampartError("INPUT_INVALID", `${report}: not JSON: ${(cause as Error).message}`, { cause });
      }
      const saved = savedRunSchema.safeParse(json);
      if (!saved.success) {
        const issue = saved.error.issues[0]!;
        throw new RampartError("INPUT_INVALID", `${report}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
      }
      let verified = false;
      if (flags.attestation !== undefined) {
        const bundle = JSON.parse((await readInput(flags.attestation, "attestation")).toString("utf8"));
        const check = verifyAttestation(bundle, {
          report: bytes,
          ...(flags.publisherKey === undefined
            ? {}
            : { publisherKey: (await readVerifier(flags.publisherKey)).verifierKey }),
          ...(flags.logPublicKey === undefined ? {} : { logKey: (await readVerifier(flags.logPublicKey)).verifierKey }),
        });
        verified = check.ok;
        if (!check.ok) await writeLine(context.io.stderr, `not verified (${check.code}): ${check.reason}`);
      }
      const out = flags.html ?? report.replace(/\.json$/, ".html");
      await writeFile(
        out,
        renderHtmlReport({
          summary: parseJsonReport(json),
          results: saved.data.results as AttemptResult[],
          target: saved.data.target,
          seed: saved.data.seed,
          startedAt: saved.data.startedAt,
          finishedAt: saved.data.finishedAt,
          toolVersion: saved.data.toolVersion,
          verified,
        }),
      );
      await writeLine(context.io.stdout, `${verified ? "verified; " : ""}wrote ${out}`);
    });
}
