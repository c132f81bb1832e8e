import { createGuard } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import {
  attest,
  generateSigner,
  LedgerLog,
  localLog,
  openStore,
  parseServerConfig,
  parseSigner,
  ServerConfigError,
  startServer,
  verifyAttestation,
} from "./index.js";

describe("the rampart package's entry", () => {
  it("starts the guarding proxy as a library and stops it", async () => {
    const server = await startServer({ guard: createGuard(), port: 0 });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("validates a proxy configuration, naming the line and field at fault", () => {
    expect(() => parseServerConfig("port: 99999\n", "rampart.yaml")).toThrow(ServerConfigError);
    expect(() => parseServerConfig("port: 99999\n", "rampart.yaml")).toThrow(/^rampart\.yaml:1: port: /);
  });

  it("attests a report into a log and verifies it, as a library", async () => {
    const store = await openStore({});
    try {
      const logKeys = generateSigner("example.org/log");
      const log = await LedgerLog.open({ store, signer: parseSigner(logKeys.signerKey) });
      const publisher = generateSigner("example.org/evals");
      const { bundle } = await attest(localLog(log), {
        report: { score: 12 },
        subject: { name: "model@1", digest: { sha256: "1".repeat(64) } },
        suite: { name: "suite", digest: { sha256: "2".repeat(64) } },
        toolVersion: "test",
        publisher: parseSigner(publisher.signerKey),
      });
      const pinned = { publisherKey: publisher.verifierKey, logKey: logKeys.verifierKey };
      expect(verifyAttestation(bundle, pinned)).toMatchObject({ ok: true, index: 0, treeSize: 1 });
      const stranger = generateSigner("example.org/evals").verifierKey;
      expect(verifyAttestation(bundle, { ...pinned, publisherKey: stranger })).toMatchObject({ code: "WRONG_KEY" });
    } finally {
      await store.close();
    }
  });
});
