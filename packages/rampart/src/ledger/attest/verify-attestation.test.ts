import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/test-store.testing.js";
import { LedgerLog } from "../log/ledger-log.js";
import { generateSigner, parseSigner } from "../signing/index.js";
import { type Attested, attest, localLog } from "./attest.js";
import type { AttestationBundle } from "./bundle.js";
import { verifyAttestation } from "./verify-attestation.js";

const publisherKeys = generateSigner("evals.example/publisher");
const logKeys = generateSigner("evals.example/log");
const report = { asr: { overall: { rate: 0.125, low: 0.05, high: 0.21 } }, attempts: 160, note: "ünïcode ✓" };
const digest = (c: string) => ({ sha256: c.repeat(64) });

let store: Store;
let log: LedgerLog;
let attested: Attested;
let earlierHead: string;

beforeAll(async () => {
  store = await openTestStore("pglite");
  log = await LedgerLog.open({ store, signer: parseSigner(logKeys.signerKey) });
  for (let i = 0; i < 5; i++) await log.append(new TextEncoder().encode(`earlier entry ${i}`));
  earlierHead = (await log.checkpoint()).note;
  attested = await attest(localLog(log), {
    report,
    subject: { name: "acme-chat@2.1", digest: digest("a") },
    suite: { name: "rampart-behaviors", digest: digest("b") },
    seed: 7,
    toolVersion: "0.1.0",
    publisher: parseSigner(publisherKeys.signerKey),
  });
  for (let i = 0; i < 3; i++) await log.append(new TextEncoder().encode(`later entry ${i}`));
});
afterAll(async () => store.close());

const pinned = { publisherKey: publisherKeys.verifierKey, logKey: logKeys.verifierKey };
const reportBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const clone = (): AttestationBundle => structuredClone(attested.bundle);

describe("verifyAttestation", () => {
  it("accepts what attest wrote, with pinned keys and the report it covers", () => {
    const result = verifyAttestation(clone(), { ...pinned, report: reportBytes(report) });
    expect(result).toMatchObject({ ok: true, index: 5, treeSize: 6, pinned: { publisher: true, log: true } });
    expect(result.ok && result.statement.predicate.seed).toBe(7);
    expect(result.ok && result.statement.subject[0]!.name).toBe("acme-chat@2.1");
  });

  it("says the keys are unpinned when it had to take them from the bundle", () => {
    expect(verifyAttestation(clone())).toMatchObject({ ok: true, pinned: { publisher: false, log: false } });
  });

  it("fails with REPORT_MISMATCH when the report's content changed, not when it was only reformatted", () => {
    expect(verifyAttestation(clone(), { report: new TextEncoder().encode(JSON.stringify(report)) }).ok).toBe(true);
    expect(verifyAttestation(clone(), { report: reportBytes({ ...report, attempts: 161 }) })).toMatchObject({
      ok: false,
      code: "REPORT_MISMATCH",
    });
    expect(verifyAttestation(clone(), { report: new TextEncoder().encode("{not json") })).toMatchObject({
      code: "REPORT_MISMATCH",
    });
  });

  it("fails with WRONG_KEY when someone else signed, and BAD_SIGNATURE when the payload was altered", () => {
    const stranger = generateSigner("evals.example/publisher").verifierKey;
    expect(verifyAttestation(clone(), { publisherKey: stranger })).toMatchObject({ ok: false, code: "WRONG_KEY" });
    const altered = clone();
    const payload = Buffer.from(altered.envelope.payload, "base64");
    payload[40] = payload[40]! ^ 1;
    altered.envelope.payload = payload.toString("base64");
    expect(verifyAttestation(altered, pinned)).toMatchObject({ ok: false, code: "BAD_SIGNATURE" });
  });

  it("fails with NOT_INCLUDED when the proof or the index is wrong", () => {
    const badProof = clone();
    const element = Buffer.from(badProof.log.inclusionProof[0]!, "base64");
    element[0] = element[0]! ^ 0x80;
    badProof.log.inclusionProof[0] = element.toString("base64");
    expect(verifyAttestation(badProof, pinned)).toMatchObject({ ok: false, code: "NOT_INCLUDED" });
    const badIndex = clone();
    badIndex.log.index = 4;
    expect(verifyAttestation(badIndex, pinned)).toMatchObject({ ok: false, code: "NOT_INCLUDED" });
  });

  it("fails on a tree head that was altered or signed by another log", () => {
    const altered = clone();
    altered.log.checkpoint = altered.log.checkpoint.replace("\n6\n", "\n7\n");
    expect(verifyAttestation(altered, pinned)).toMatchObject({ ok: false, code: "BAD_SIGNATURE" });
    const otherLog = generateSigner("evals.example/log").verifierKey;
    expect(verifyAttestation(clone(), { ...pinned, logKey: otherLog })).toMatchObject({ ok: false, code: "WRONG_KEY" });
  });

  it("checks that the log only appended since an earlier head, and catches a rewritten history", async () => {
    const newSize = attested.treeSize;
    const proof = await log.consistencyProof(5, newSize);
    expect(
      verifyAttestation(clone(), { ...pinned, earlier: { checkpoint: earlierHead, consistencyProof: proof } }),
    ).toMatchObject({ ok: true, extends: 5 });

    // The same key signing a different history: a fork the earlier head exposes.
    const forkStore = await openTestStore("pglite");
    try {
      const fork = await LedgerLog.open({ store: forkStore, signer: parseSigner(logKeys.signerKey) });
      for (let i = 0; i < 5; i++) await fork.append(new TextEncoder().encode(`rewritten entry ${i}`));
      const forkedHead = (await fork.checkpoint()).note;
      expect(
        verifyAttestation(clone(), { ...pinned, earlier: { checkpoint: forkedHead, consistencyProof: proof } }),
      ).toMatchObject({ ok: false, code: "LOG_REWRITTEN" });
    } finally {
      await forkStore.close();
    }
  });

  it("rejects a malformed bundle with ATTESTATION_INVALID instead of throwing", () => {
    expect(verifyAttestation(null)).toMatchObject({ ok: false, code: "ATTESTATION_INVALID" });
    expect(verifyAttestation({ ...clone(), extra: 1 })).toMatchObject({ ok: false, code: "ATTESTATION_INVALID" });
  });

  it("any single flipped bit of the bundle file fails verification or leaves its meaning unchanged", () => {
    const text = new TextEncoder().encode(JSON.stringify(attested.bundle, null, 2));
    const original = JSON.stringify(attested.bundle);
    let verified = 0;
    for (let i = 0; i < text.length; i++) {
      for (const bit of [0x01, 0x20]) {
        const tampered = new Uint8Array(text);
        tampered[i] = tampered[i]! ^ bit;
        let json: unknown;
        try {
          json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(tampered));
        } catch {
          continue;
        }
        verified++;
        // A flip JSON ignores (in whitespace) may pass; any flip that changes what the file says must not.
        if (verifyAttestation(json, pinned).ok) expect(JSON.stringify(json)).toBe(original);
      }
    }
    expect(verified).toBeGreaterThan(text.length);
  });
});
