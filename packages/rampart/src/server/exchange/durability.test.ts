import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ExchangeRepository } from "../../exchange/repository/index.js";
import { signSubmission, stampSubmission } from "../../exchange/submission/submission.js";
import { generateSigner, parseSigner } from "../../ledger/signing/index.js";
import { openStore, type StoreOptions } from "../../store/index.js";
import { dropSchema, randomSchema, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { advisoryContent } from "./exchange-fixture.testing.js";

// The node runs as its own process (the built CLI) so that it can be killed with SIGKILL mid-stream.
const CLI = fileURLToPath(new URL("../../../bin/rampart.js", import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url)));
const title = BUILT
  ? "an exchange node killed with SIGKILL"
  : "an exchange node killed with SIGKILL (skipped: run npm run build first)";

describe.skipIf(!BUILT)(title, () => {
  it("loses no acknowledged advisory on the embedded store", async () => {
    const directory = join(await mkdtemp(join(tmpdir(), "rampart-exchange-kill-")), "store");
    await killAndCount({ directory }, ["--store-dir", directory], {});
  });

  it.skipIf(!TEST_DATABASE_URL)("loses no acknowledged advisory on PostgreSQL (needs DATABASE_URL)", async () => {
    const schema = randomSchema();
    try {
      await killAndCount({ databaseUrl: TEST_DATABASE_URL, schema }, ["--database", TEST_DATABASE_URL!], {
        RAMPART_DATABASE_SCHEMA: schema,
      });
    } finally {
      await dropSchema(schema);
    }
  });
});

async function killAndCount(location: StoreOptions, flags: string[], env: Record<string, string>): Promise<void> {
  const keys = generateSigner("org-a.example");
  const store = await openStore(location);
  const repo = new ExchangeRepository(store);
  const org = await repo.createOrganisation({ name: "org-a", signingKey: keys.verifierKey });
  const { key } = await repo.createApiKey((await repo.createMember({ org: org.id, name: "alice" })).id);
  await store.close();

  const child = spawn(
    process.execPath,
    [CLI, "exchange", "serve", "--port", "0", "--requests-per-minute", "100000", ...flags],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const acknowledged: string[] = [];
  try {
    const url = await nodeUrl(child);
    const signer = parseSigner(keys.signerKey);
    const publish = async (i: number) => {
      const body = stampSubmission({
        action: "publish",
        advisory: {
          distribution: { tlp: "GREEN", recipients: [], groups: [], embargoUntil: null },
          content: advisoryContent(`durable ${i}`, []),
        },
      });
      const response = await fetch(`${url}/exchange/v1/submissions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(signSubmission(body, signer)),
      });
      if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
    };
    for (let i = 0; i < 10; i++) await publish(i);
    // Publishes still in flight when the kill lands: some are acknowledged, some are not; none may be lost.
    const inFlight = Array.from({ length: 30 }, (_, i) => publish(10 + i).catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill("SIGKILL");
    await Promise.all(inFlight);
  } finally {
    child.kill("SIGKILL");
    await new Promise((resolve) =>
      child.exitCode === null && child.signalCode === null ? child.once("exit", resolve) : resolve(undefined),
    );
  }
  expect(acknowledged.length).toBeGreaterThanOrEqual(10);
  const reopened = await openStore(location);
  try {
    const repo = new ExchangeRepository(reopened);
    for (const id of acknowledged) expect(await repo.get(id), `acknowledged advisory ${id}`).toBeDefined();
  } finally {
    await reopened.close();
  }
}

function nodeUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let said = "";
    const timer = setTimeout(() => reject(new Error(`the node did not start: ${said}`)), 30_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      said += chunk.toString();
      const match = /node on (http:\/\/\S+)\/exchange\/v1/.exec(said);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`the node exited (${code}): ${said}`)));
  });
}
