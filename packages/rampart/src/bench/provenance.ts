import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { bundledModel, type Guard } from "@rampart/guard";
import type { GuardFlags } from "../cli/guard-options.js";
import { canonicalDigest, sha256Hex } from "../ledger/attest/digest.js";
import type { Digested } from "../ledger/attest/index.js";

const VERSION: string = createRequire(import.meta.url)("../../package.json").version;

const fileDigest = async (file: string) => sha256Hex(await readFile(file));

/**
 * The data a benchmark ran on, by content: the same files in any order or place give the same digest,
 * so a report can be attested (`rampart attest`) as covering exactly that suite.
 */
export async function suiteOf(files: readonly string[]): Promise<Digested> {
  const contents = await Promise.all(
    files.map(async (file) => ({ file: basename(file), sha256: await fileDigest(file) })),
  );
  contents.sort((a, b) => a.file.localeCompare(b.file) || a.sha256.localeCompare(b.sha256));
  return { name: `labelled prompts (${files.length} files)`, digest: canonicalDigest(contents) };
}

/** The guard that was measured: its version, effective policy, classifier and signature set, by content. */
export async function guardSubject(guard: Guard, flags: GuardFlags): Promise<Digested> {
  const classifier = !flags.classifier
    ? null
    : flags.model === undefined
      ? bundledModel().id
      : { file: await fileDigest(flags.model) };
  const signatures =
    flags.signatures === undefined ? `starter@${VERSION}` : { file: await fileDigest(flags.signatures) };
  return {
    name: `rampart-guard@${VERSION}`,
    digest: canonicalDigest({ policy: guard.policy, classifier, signatures }),
  };
}
