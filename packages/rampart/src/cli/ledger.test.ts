import { createHash } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGuard } from "@rampart/guard";
import { beforeAll, describe, expect, it } from "vitest";
import { LedgerLog } from "../ledger/log/ledger-log.js";
import { generateSigner, parseSigner, parseVerifier } from "../ledger/signing/index.js";
import { startServer } from "../server/start-server.js";
import { openTestStore } from "../store/test-store.testing.js";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";

let dir: string;
let ledgerFlags: string[];

async function run(argv: string[]) {
  const memory = memoryIo({ env: {} });
  const code = await main(argv, memory.io);
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}

const report = {
  subject: { name: "acme-chat@2.1", digest: { sha256: "a".repeat(64) } },
  suite: { name: "rampart-behaviors", digest: { sha256: "b".repeat(64) } },
  seed: 7,
  score: 38.5,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-ledger-cli-"));
  ledgerFlags = ["--store-dir", join(dir, "store"), "--log-key", join(dir, "log.key")];
  expect(
    (await run(["key", "generate", "--name", "evals.example/publisher", "--out", join(dir, "publisher")])).code,
  ).toBe(0);
}, 60_000);

describe("rampart key generate", () => {
  it("writes a private key only its owner can read, and the verifier key it prints", async () => {
    const { stdout } = await run(["key", "generate", "--name", "evals.example/other", "--out", join(dir, "other")]);
    expect(stdout).toMatch(/^evals\.example\/other\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+\n$/);
    expect((await stat(join(dir, "other.key"))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, "other.pub"), "utf8")).trim()).toBe(stdout.trim());
  });

  it("never overwrites a key, and refuses a name with a space", async () => {
    const again = await run(["key", "generate", "--name", "evals.example/other2", "--out", join(dir, "publisher")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    const spaced = await run(["key", "generate", "--name", "bad name", "--out", join(dir, "spaced")]);
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain("space");
  });
});

describe("rampart attest and rampart verify", () => {
  it("round-trip: the report is signed, logged, and verifies offline with pinned keys", async () => {
    const file = join(dir, "report.json");
    await writeFile(file, JSON.stringify(report, null, 2));
    const attested = await run(["attest", file, "--key", join(dir, "publisher.key"), "--json", ...ledgerFlags]);
    expect(attested.stderr).toBe("");
    expect(attested.code).toBe(0);
    const summary = JSON.parse(attested.stdout);
    expect(summary).toMatchObject({ index: 0, treeSize: 1, bundle: join(dir, "report.attestation.json") });

    const verified = await run([
      "verify",
      join(dir, "report.attestation.json"),
      "--publisher-key",
      join(dir, "publisher.pub"),
      "--log-public-key",
      join(dir, "log.pub"),
    ]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("acme-chat@2.1");
    expect(verified.stdout).toContain("report     content matches the attested result");
    expect(verified.stdout).not.toContain("NOT pinned");
  });

  it("fails with the right reason when one byte of the report, the proof or the tree head changes", async () => {
    const file = join(dir, "tampered.json");
    await writeFile(file, JSON.stringify(report));
    for (let i = 0; i < 2; i++)
      await run([
        "attest",
        join(dir, "report.json"),
        "--key",
        join(dir, "publisher.key"),
        "--out",
        join(dir, `pad${i}.attestation.json`),
        ...ledgerFlags,
      ]);
    expect((await run(["attest", file, "--key", join(dir, "publisher.key"), ...ledgerFlags])).code).toBe(0);
    const bundlePath = join(dir, "tampered.attestation.json");
    const original = await readFile(bundlePath, "utf8");

    await writeFile(file, JSON.stringify(report).replace("38.5", "38.6"));
    const reportChanged = await run(["verify", bundlePath]);
    expect(reportChanged.code).toBe(1);
    expect(reportChanged.stderr).toContain("(REPORT_MISMATCH)");
    await writeFile(file, JSON.stringify(report));

    const bundle = JSON.parse(original);
    const proof = Buffer.from(bundle.log.inclusionProof[0], "base64");
    proof[5] = proof[5]! ^ 1;
    await writeFile(
      bundlePath,
      JSON.stringify({
        ...bundle,
        log: { ...bundle.log, inclusionProof: [proof.toString("base64"), ...bundle.log.inclusionProof.slice(1)] },
      }),
    );
    const proofChanged = await run(["verify", bundlePath]);
    expect(proofChanged.code).toBe(1);
    expect(proofChanged.stderr).toContain("(NOT_INCLUDED)");

    const rootLine = bundle.log.checkpoint.split("\n")[2] as string;
    const flipped = `${rootLine[0] === "A" ? "B" : "A"}${rootLine.slice(1)}`;
    await writeFile(
      bundlePath,
      JSON.stringify({
        ...bundle,
        log: { ...bundle.log, checkpoint: bundle.log.checkpoint.replace(rootLine, flipped) },
      }),
    );
    const headChanged = await run(["verify", bundlePath]);
    expect(headChanged.code).toBe(1);
    expect(headChanged.stderr).toContain("(BAD_SIGNATURE)");

    await writeFile(bundlePath, original);
    const wrongKey = await run(["verify", bundlePath, "--publisher-key", join(dir, "other.pub")]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain("(WRONG_KEY)");
    expect((await run(["verify", bundlePath])).code).toBe(0);
  });

  it("checks that the log only appended since a head kept earlier, and catches a forked log", async () => {
    const checkpoint = await run(["ledger", "checkpoint", ...ledgerFlags]);
    expect(checkpoint.code).toBe(0);
    const earlier = join(dir, "earlier.checkpoint");
    await writeFile(earlier, checkpoint.stdout);
    const earlierSize = Number(checkpoint.stdout.split("\n")[1]);
    const later = join(dir, "later.json");
    await writeFile(later, JSON.stringify({ ...report, score: 12 }));
    expect((await run(["attest", later, "--key", join(dir, "publisher.key"), ...ledgerFlags])).code).toBe(0);
    const proof = await run(["ledger", "consistency", "--from", String(earlierSize), ...ledgerFlags]);
    expect(proof.code).toBe(0);
    const proofFile = join(dir, "consistency.json");
    await writeFile(proofFile, proof.stdout);

    const bundle = join(dir, "later.attestation.json");
    const appended = await run(["verify", bundle, "--since", earlier, "--consistency-proof", proofFile]);
    expect(appended.code).toBe(0);
    expect(appended.stdout).toContain(`the log only appended since size ${earlierSize}`);

    // The same log key signing another history: a second store, forked from nothing.
    const forkFlags = ["--store-dir", join(dir, "fork"), "--log-key", join(dir, "log.key")];
    for (let i = 0; i < earlierSize; i++) {
      const other = join(dir, `fork${i}.json`);
      await writeFile(other, JSON.stringify({ ...report, score: 100 + i }));
      await run(["attest", other, "--key", join(dir, "publisher.key"), ...forkFlags]);
    }
    const forkedHead = join(dir, "forked.checkpoint");
    await writeFile(forkedHead, (await run(["ledger", "checkpoint", ...forkFlags])).stdout);
    const forked = await run(["verify", bundle, "--since", forkedHead, "--consistency-proof", proofFile]);
    expect(forked.code).toBe(1);
    expect(forked.stderr).toContain("(LOG_REWRITTEN)");
  });

  it("asks for what it needs: a subject when the report has none, a proof source with --since", async () => {
    const bare = join(dir, "bare.json");
    await writeFile(bare, JSON.stringify({ score: 1 }));
    const noSubject = await run(["attest", bare, "--key", join(dir, "publisher.key"), ...ledgerFlags]);
    expect(noSubject.code).toBe(2);
    expect(noSubject.stderr).toContain("--subject NAME");
    const noProof = await run([
      "verify",
      join(dir, "report.attestation.json"),
      "--since",
      join(dir, "earlier.checkpoint"),
    ]);
    expect(noProof.code).toBe(2);
    expect(noProof.stderr).toContain("--consistency-proof");
    const missing = await run(["verify", join(dir, "nowhere.attestation.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the attestation");
    const missingKey = await run([
      "verify",
      join(dir, "report.attestation.json"),
      "--publisher-key",
      join(dir, "no.pub"),
    ]);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain("cannot read the verifier key file");
    const notJson = join(dir, "broken.json");
    await writeFile(notJson, "{ not json");
    const broken = await run(["attest", notJson, "--key", join(dir, "publisher.key"), ...ledgerFlags]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("not a JSON report");
  });

  it("names the subject from flags, digesting a file", async () => {
    const bare = join(dir, "flagged.json");
    await writeFile(bare, JSON.stringify({ score: 2 }));
    const weights = join(dir, "weights.bin");
    await writeFile(weights, "model weights");
    const attested = await run([
      "attest",
      bare,
      "--key",
      join(dir, "publisher.key"),
      "--subject",
      "tiny-model@0.1",
      "--subject-file",
      weights,
      "--suite",
      "smoke",
      "--suite-digest",
      `sha256:${"c".repeat(64)}`,
      ...ledgerFlags,
    ]);
    expect(attested.code).toBe(0);
    const verified = await run(["verify", join(dir, "flagged.attestation.json"), "--json"]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, pinned: { publisher: false, log: false } });
    const text = await run(["verify", join(dir, "flagged.attestation.json")]);
    expect(text.stdout).toContain(
      `tiny-model@0.1 sha256:${createHash("sha256").update("model weights").digest("hex")}`,
    );
  });

  it("attests through a log server's API while the server holds the store", async () => {
    const store = await openTestStore("pglite");
    const logKeys = generateSigner("evals.example/served-log");
    const log = await LedgerLog.open({ store, signer: parseSigner(logKeys.signerKey) });
    const publisher = parseVerifier((await readFile(join(dir, "publisher.pub"), "utf8")).trim());
    const server = await startServer({ guard: createGuard(), port: 0, ledger: { log, publishers: [publisher] } });
    try {
      const file = join(dir, "served.json");
      await writeFile(file, JSON.stringify(report));
      const attested = await run([
        "attest",
        file,
        "--key",
        join(dir, "publisher.key"),
        "--log-url",
        server.url,
        "--json",
      ]);
      expect(attested.stderr).toBe("");
      expect(JSON.parse(attested.stdout)).toMatchObject({ index: 0, treeSize: 1, origin: "evals.example/served-log" });
      const verified = await run([
        "verify",
        join(dir, "served.attestation.json"),
        "--log-public-key",
        logKeys.verifierKey,
      ]);
      expect(verified.stderr).toBe("");
      expect(verified.code).toBe(0);
      expect(await log.size()).toBe(1);

      const strangerKey = join(dir, "stranger");
      await run(["key", "generate", "--name", "evals.example/stranger", "--out", strangerKey]);
      const refused = await run(["attest", file, "--key", `${strangerKey}.key`, "--log-url", server.url]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("403");
      expect(await log.size()).toBe(1);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
