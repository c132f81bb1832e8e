import { createGuard } from "@rampart/guard";
import type { Hono } from "hono";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { attest, localLog, logEntryOf, verifyAttestation } from "../../ledger/attest/index.js";
import { LedgerLog, MAX_ENTRY_BYTES } from "../../ledger/log/ledger-log.js";
import { leafHash, verifyConsistency, verifyInclusion } from "../../ledger/merkle/index.js";
import {
  buildStatement,
  type Checkpoint,
  type Envelope,
  encodeStatement,
  generateSigner,
  openCheckpoint,
  PAYLOAD_TYPE,
  parseSigner,
  parseVerifier,
  signEnvelope,
} from "../../ledger/signing/index.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/test-store.testing.js";
import { createProxyApp } from "../app.js";
import { DEFAULTS } from "../config.js";
import { ProxyMetrics } from "../metrics.js";
import { startServer } from "../start-server.js";
import { MAX_ENTRIES_PER_PAGE } from "./routes.js";

const guard = createGuard();
const logKeys = generateSigner("ledger.test/log");
const logSigner = parseSigner(logKeys.signerKey);
const logVerifier = parseVerifier(logKeys.verifierKey);
const publisherKeys = generateSigner("publisher.test");
const publisher = parseSigner(publisherKeys.signerKey);
const stranger = parseSigner(generateSigner("stranger.test").signerKey);

/** The parts of the answers these tests read. */
interface Added {
  readonly leaf_index: number;
  readonly leaf_hash: string;
  readonly duplicate: boolean;
  readonly origin: string;
  readonly log_key: string;
  readonly checkpoint: string;
  readonly audit_path: readonly string[];
}
interface Sth {
  readonly tree_size: number;
  readonly root_hash: string;
  readonly checkpoint: string;
  readonly log_key: string;
}
interface Problem {
  readonly error: { readonly code: string; readonly message: string };
}
interface Entries {
  readonly entries: readonly { readonly leaf_index: number; readonly entry: string }[];
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));
const b64 = (data: Uint8Array) => Buffer.from(data).toString("base64");
const text = (data: Uint8Array) => Buffer.from(data).toString("utf8");
const utf8 = (value: string) => new Uint8Array(Buffer.from(value, "utf8"));
const rawEntry = (i: number) => utf8(`raw entry ${i}`);

/** The canonical payload of an evaluation statement, different for each `n`. */
function statementPayload(n: number): Uint8Array {
  return encodeStatement(
    buildStatement({
      subject: [{ name: `model-${n}`, digest: { sha256: "a".repeat(64) } }],
      suite: { name: "suite", digest: { sha256: "b".repeat(64) } },
      evaluatorVersion: "0.1.0",
      result: { n, passed: true },
      evaluatedAt: new Date(Date.UTC(2025, 0, 1)),
    }),
  );
}

const envelopeOf = (n: number, signer = publisher): Envelope =>
  signEnvelope(PAYLOAD_TYPE, statementPayload(n), [signer]);

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function freshLog(): Promise<LedgerLog> {
  const store = await openTestStore("pglite");
  stores.push(store);
  return LedgerLog.open({ store, signer: logSigner });
}

function proxyWith(log: LedgerLog | undefined): Hono {
  return createProxyApp({
    guard,
    upstreams: DEFAULTS.upstreams,
    limits: DEFAULTS.limits,
    metrics: new ProxyMetrics(),
    ...(log === undefined ? {} : { ledger: { log, publishers: [parseVerifier(publisherKeys.verifierKey)] } }),
  });
}

async function freshApp(): Promise<{ log: LedgerLog; app: Hono }> {
  const log = await freshLog();
  return { log, app: proxyWith(log) };
}

/**
 * One log for the tests of a describe block that only read it or are refused (opening a store takes
 * a second or two): `seed` fills it before the first test, and the store closes after the last.
 */
function sharedApp(seed: (log: LedgerLog) => Promise<void>): () => { log: LedgerLog; app: Hono } {
  let store: Store | undefined;
  let shared: { log: LedgerLog; app: Hono } | undefined;
  beforeAll(async () => {
    store = await openTestStore("pglite");
    const log = await LedgerLog.open({ store, signer: logSigner });
    await seed(log);
    shared = { log, app: proxyWith(log) };
  });
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (shared === undefined) throw new Error("the shared log is not open");
    return shared;
  };
}

function addEntry(app: Hono, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request("/ledger/v1/add-entry", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

async function getJson<T>(app: Hono, path: string): Promise<{ status: number; body: T }> {
  const response = await app.request(`/ledger/v1/${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

async function treeSize(app: Hono): Promise<number> {
  return (await getJson<Sth>(app, "get-sth")).body.tree_size;
}

function opened(note: string): Checkpoint {
  const result = openCheckpoint(note, logVerifier);
  if (!result.ok) throw new Error(`the checkpoint does not open: ${result.reason}`);
  return result.checkpoint;
}

/** Posts `body` and expects it refused with `status` and `code`, and the log left as it was. */
async function expectRefused(app: Hono, body: unknown, status: number, code: string, headers = {}) {
  const before = await treeSize(app);
  const response = await addEntry(app, body, headers);
  expect(response.status).toBe(status);
  expect(((await response.json()) as Problem).error.code).toBe(code);
  expect(await treeSize(app)).toBe(before);
}

describe("POST /ledger/v1/add-entry", () => {
  it("logs a publisher's envelope with an audit path that verifies against the signed head, and logs it once", async () => {
    const { app } = await freshApp();
    const empty = await getJson<Sth>(app, "get-sth");
    expect(empty.status).toBe(200);
    expect(empty.body.tree_size).toBe(0);
    expect(opened(empty.body.checkpoint).size).toBe(0);
    const envelopes = [0, 1, 2, 3, 4].map((n) => envelopeOf(n));
    for (const [i, envelope] of envelopes.entries()) {
      const response = await addEntry(app, { envelope });
      expect(response.status).toBe(200);
      const added = (await response.json()) as Added;
      const leaf = leafHash(logEntryOf(envelope));
      expect(added).toMatchObject({
        leaf_index: i,
        leaf_hash: b64(leaf),
        duplicate: false,
        origin: logSigner.name,
        log_key: logKeys.verifierKey,
      });
      const head = opened(added.checkpoint);
      expect(head.size).toBe(i + 1);
      const proof = added.audit_path.map(bytes);
      expect(verifyInclusion({ leafHash: leaf, index: i, size: head.size, proof, root: head.root })).toEqual({
        ok: true,
      });
      // The same path does not prove another envelope's leaf.
      const other = leafHash(logEntryOf(envelopeOf(99)));
      expect(verifyInclusion({ leafHash: other, index: i, size: head.size, proof, root: head.root }).ok).toBe(false);
    }

    const again = await addEntry(app, { envelope: envelopes[2] });
    expect(again.status).toBe(200);
    const repeated = (await again.json()) as Added;
    expect(repeated).toMatchObject({
      leaf_index: 2,
      duplicate: true,
      leaf_hash: b64(leafHash(logEntryOf(envelopes[2]!))),
    });
    const head = opened(repeated.checkpoint);
    expect(head.size).toBe(5);
    expect(
      verifyInclusion({
        leafHash: leafHash(logEntryOf(envelopes[2]!)),
        index: 2,
        size: 5,
        proof: repeated.audit_path.map(bytes),
        root: head.root,
      }).ok,
    ).toBe(true);
    expect(await treeSize(app)).toBe(5);
  });

  describe("refusals", () => {
    const refusing = sharedApp(async (log) => {
      await log.append(logEntryOf(envelopeOf(0)));
    });

    it("refuses an envelope no configured publisher signed with 403 WRONG_KEY", async () => {
      const { app } = refusing();
      await expectRefused(app, { envelope: envelopeOf(1, stranger) }, 403, "WRONG_KEY");
    });

    it("refuses a publisher's signature over an altered payload with 403 BAD_SIGNATURE", async () => {
      const { app } = refusing();
      const signed = envelopeOf(0);
      const altered: Envelope = { ...signed, payload: b64(statementPayload(2)) };
      await expectRefused(app, { envelope: altered }, 403, "BAD_SIGNATURE");
      // The same signature over the bytes it signed is the entry already logged.
      expect(((await (await addEntry(app, { envelope: signed })).json()) as Added).duplicate).toBe(true);
    });

    it("refuses a body that is not {envelope} with 400 INPUT_INVALID", async () => {
      const { app } = refusing();
      const envelope = envelopeOf(0);
      await expectRefused(app, '{"envelope": {', 400, "INPUT_INVALID");
      await expectRefused(app, "", 400, "INPUT_INVALID");
      await expectRefused(app, {}, 400, "INPUT_INVALID");
      await expectRefused(app, [envelope], 400, "INPUT_INVALID");
      await expectRefused(app, envelope, 400, "INPUT_INVALID");
      await expectRefused(app, { envelope, note: "extra" }, 400, "INPUT_INVALID");
      await expectRefused(app, { envelope: { ...envelope, extra: 1 } }, 400, "INPUT_INVALID");
      await expectRefused(app, { envelope: { ...envelope, signatures: [] } }, 400, "INPUT_INVALID");
      await expectRefused(app, { envelope: { ...envelope, payload: "not base64!" } }, 400, "INPUT_INVALID");
    });

    it("refuses a signed payload that is not a canonical in-toto statement, or of another type, with 400 ATTESTATION_INVALID", async () => {
      const { app } = refusing();
      const notStatement = signEnvelope(PAYLOAD_TYPE, utf8('{"hello":"world"}'), [publisher]);
      await expectRefused(app, { envelope: notStatement }, 400, "ATTESTATION_INVALID");
      const notJson = signEnvelope(PAYLOAD_TYPE, utf8("not json"), [publisher]);
      await expectRefused(app, { envelope: notJson }, 400, "ATTESTATION_INVALID");
      const spaced = utf8(JSON.stringify(JSON.parse(text(statementPayload(0))), null, 2));
      const notCanonical = signEnvelope(PAYLOAD_TYPE, spaced, [publisher]);
      await expectRefused(app, { envelope: notCanonical }, 400, "ATTESTATION_INVALID");
      const otherType = signEnvelope("application/json", statementPayload(0), [publisher]);
      await expectRefused(app, { envelope: otherType }, 400, "ATTESTATION_INVALID");
    });

    it("refuses a body over 2 * MAX_ENTRY_BYTES with 413, whether content-length says so or the stream does", async () => {
      const { app } = refusing();
      const limit = 2 * MAX_ENTRY_BYTES;
      // A declared length is trusted: one byte over the limit is refused before the body is read…
      await expectRefused(app, { envelope: envelopeOf(0) }, 413, "INPUT_TOO_LARGE", {
        "content-length": `${limit + 1}`,
      });
      // …and exactly the limit reaches the handler, which judges the body itself.
      await expectRefused(app, {}, 400, "INPUT_INVALID", { "content-length": `${limit}` });
      // Without a declared length, the body is counted as it streams in.
      const oversize = `{"envelope":"${"x".repeat(limit)}"}`;
      await expectRefused(app, oversize, 413, "INPUT_TOO_LARGE");
    });
  });
});

describe("the ledger's read endpoints", () => {
  const SIZE = 300;

  let early = "";
  /** A log of SIZE raw entries, with `early` the head signed when it held 5. */
  const filledApp = sharedApp(async (log) => {
    for (let i = 0; i < 5; i++) await log.append(rawEntry(i));
    early = (await log.checkpoint()).note;
    await Promise.all(Array.from({ length: SIZE - 5 }, (_, i) => log.append(rawEntry(i + 5))));
  });

  it("get-sth and checkpoint give the same signed head, which opens with the log's key", async () => {
    const { log, app } = filledApp();
    const sth = await getJson<Sth>(app, "get-sth");
    expect(sth.status).toBe(200);
    expect(sth.body.tree_size).toBe(SIZE);
    expect(sth.body.root_hash).toBe(b64(await log.root(SIZE)));
    expect(sth.body.log_key).toBe(logKeys.verifierKey);
    const head = opened(sth.body.checkpoint);
    expect(head).toMatchObject({ origin: logSigner.name, size: SIZE });
    expect(b64(head.root)).toBe(sth.body.root_hash);
    expect(openCheckpoint(sth.body.checkpoint, parseVerifier(generateSigner(logSigner.name).verifierKey)).ok).toBe(
      false,
    );

    const note = await app.request("/ledger/v1/checkpoint");
    expect(note.status).toBe(200);
    expect(note.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await note.text()).toBe(sth.body.checkpoint);
  });

  it("get-sth-consistency proves the current head extends an earlier one", async () => {
    const { app } = filledApp();
    const now = opened((await getJson<Sth>(app, "get-sth")).body.checkpoint);
    const before = opened(early);
    const answer = await getJson<{ consistency: string[] }>(app, `get-sth-consistency?first=5&second=${SIZE}`);
    expect(answer.status).toBe(200);
    const proof = answer.body.consistency.map(bytes);
    expect(proof.length).toBeGreaterThan(0);
    const check = { oldSize: 5, newSize: SIZE, oldRoot: before.root, newRoot: now.root, proof };
    expect(verifyConsistency(check)).toEqual({ ok: true });
    expect(verifyConsistency({ ...check, oldSize: 6 }).ok).toBe(false);
    expect(verifyConsistency({ ...check, oldRoot: now.root }).ok).toBe(false);

    const same = await getJson<{ consistency: string[] }>(app, `get-sth-consistency?first=${SIZE}&second=${SIZE}`);
    expect(same).toEqual({ status: 200, body: { consistency: [] } });
  });

  it("get-proof-by-hash finds a leaf and proves it in the tree size asked for", async () => {
    const { log, app } = filledApp();
    const leaf = leafHash(rawEntry(42));
    const hash = encodeURIComponent(b64(leaf));
    for (const size of [SIZE, 43]) {
      const answer = await getJson<{ leaf_index: number; audit_path: string[] }>(
        app,
        `get-proof-by-hash?hash=${hash}&tree_size=${size}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.leaf_index).toBe(42);
      const proof = answer.body.audit_path.map(bytes);
      expect(verifyInclusion({ leafHash: leaf, index: 42, size, proof, root: await log.root(size) })).toEqual({
        ok: true,
      });
    }
  });

  it("get-proof-by-hash answers 404 NOT_INCLUDED for a hash not in the tree size asked for", async () => {
    const { app } = filledApp();
    const unknown = encodeURIComponent(b64(leafHash(utf8("never appended"))));
    const notYet = encodeURIComponent(b64(leafHash(rawEntry(42))));
    for (const query of [`hash=${unknown}&tree_size=${SIZE}`, `hash=${notYet}&tree_size=42`]) {
      const answer = await getJson<Problem>(app, `get-proof-by-hash?${query}`);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe("NOT_INCLUDED");
    }
  });

  it("get-proof-by-hash refuses a hash that is not 32 bytes in canonical base64 with 400", async () => {
    const { app } = filledApp();
    const leaf = leafHash(rawEntry(42));
    const canonical = b64(leaf);
    // The character before the padding carries two unused bits: setting them keeps the bytes, not the text.
    const last = canonical.at(-2)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const sloppy = `${canonical.slice(0, -2)}${alphabet[alphabet.indexOf(last) | 1]}=`;
    expect(Buffer.from(sloppy, "base64").equals(Buffer.from(leaf))).toBe(true);
    const hashes = [
      sloppy,
      canonical.slice(0, -1), // no padding
      canonical.replaceAll("+", "-").replaceAll("/", "_").replace("=", ""), // URL-safe, unpadded
      b64(leaf.subarray(0, 31)),
      b64(new Uint8Array([...leaf, 0])),
      "",
    ];
    for (const hash of hashes) {
      const answer = await getJson<Problem>(
        app,
        `get-proof-by-hash?hash=${encodeURIComponent(hash)}&tree_size=${SIZE}`,
      );
      expect(answer.status, hash).toBe(400);
      expect(answer.body.error.code).toBe("INPUT_INVALID");
    }
  });

  it("get-entries returns the appended bytes, end inclusive, at most one page at a time", async () => {
    const { app } = filledApp();
    const page = async (start: number, end: number) => {
      const answer = await getJson<Entries>(app, `get-entries?start=${start}&end=${end}`);
      expect(answer.status).toBe(200);
      for (const { leaf_index, entry } of answer.body.entries)
        expect(text(bytes(entry))).toBe(`raw entry ${leaf_index}`);
      return answer.body.entries.map((row) => row.leaf_index);
    };
    expect(await page(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await page(7, 7)).toEqual([7]);
    const capped = await page(0, SIZE - 1);
    expect(MAX_ENTRIES_PER_PAGE).toBe(256);
    expect(capped).toEqual(Array.from({ length: MAX_ENTRIES_PER_PAGE }, (_, i) => i));
    expect(await page(290, 10_000)).toEqual([290, 291, 292, 293, 294, 295, 296, 297, 298, 299]);
    expect(await page(SIZE, SIZE + 5)).toEqual([]);
    expect(await page(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toEqual([]);

    const backwards = await getJson<Problem>(app, "get-entries?start=5&end=4");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe("INPUT_INVALID");
  });

  it("answers malformed query strings with 400 INPUT_INVALID, never 500", async () => {
    const { app } = filledApp();
    const hash = encodeURIComponent(b64(leafHash(rawEntry(3))));
    const queries = [
      "get-sth-consistency?first=0&second=5",
      `get-sth-consistency?first=5&second=${SIZE + 1}`,
      "get-sth-consistency?first=6&second=5",
      "get-sth-consistency?first=abc&second=5",
      "get-sth-consistency?first=1.5&second=5",
      "get-sth-consistency?first=-1&second=5",
      "get-sth-consistency?first=&second=5",
      "get-sth-consistency?first=0x2&second=5",
      "get-sth-consistency?first=1e1&second=20",
      "get-sth-consistency?first=%202&second=5",
      "get-sth-consistency?first=99999999999999999999&second=5",
      "get-sth-consistency?first=5",
      "get-sth-consistency",
      "get-sth-consistency?first=1&second=5&extra=1",
      `get-proof-by-hash?hash=${hash}&tree_size=0`,
      `get-proof-by-hash?hash=${hash}&tree_size=${SIZE + 1}`,
      `get-proof-by-hash?hash=${hash}&tree_size=ten`,
      `get-proof-by-hash?hash=${hash}&tree_size=`,
      `get-proof-by-hash?hash=${hash}`,
      `get-proof-by-hash?tree_size=${SIZE}`,
      `get-proof-by-hash?hash=${hash}&tree_size=${SIZE}&leaf_index=3`,
      "get-entries?start=a&end=3",
      "get-entries?start=-1&end=3",
      "get-entries?start=&end=3",
      "get-entries?start=0x0&end=3",
      "get-entries?start=0&end=1.5",
      "get-entries?start=0&end=99999999999999999999",
      "get-entries?start=0",
      "get-entries?start=0&end=3&limit=1",
    ];
    for (const query of queries) {
      const answer = await getJson<Problem>(app, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code, query).toBe("INPUT_INVALID");
    }
  });
});

describe("the ledger API's mounting", () => {
  it("is not served without a ledger in the proxy's options", async () => {
    const app = proxyWith(undefined);
    expect((await app.request("/ledger/v1/get-sth")).status).toBe(404);
    expect((await app.request("/ledger/v1/add-entry", { method: "POST", body: "{}" })).status).toBe(404);
    expect((await app.request("/healthz")).status).toBe(200);
  });

  it("serves over a socket the consistency proof a reader checks an attestation bundle against", async () => {
    const log = await freshLog();
    const server = await startServer({
      guard,
      port: 0,
      ledger: { log, publishers: [parseVerifier(publisherKeys.verifierKey)] },
    });
    try {
      const api = `${server.url}/ledger/v1`;
      for (const n of [0, 1]) {
        const response = await fetch(`${api}/add-entry`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ envelope: envelopeOf(n) }),
        });
        expect(response.status).toBe(200);
      }
      const earlier = await (await fetch(`${api}/checkpoint`)).text();
      expect(opened(earlier).size).toBe(2);

      const attested = await attest(localLog(log), {
        report: { score: 0.97, cases: 120 },
        subject: { name: "model-x", digest: { sha256: "c".repeat(64) } },
        suite: { name: "suite", digest: { sha256: "d".repeat(64) } },
        toolVersion: "0.1.0",
        publisher,
      });
      expect(attested).toMatchObject({ index: 2, treeSize: 3 });
      for (let i = 0; i < 3; i++) await log.append(rawEntry(i));
      const bundle: unknown = JSON.parse(JSON.stringify(attested.bundle));

      const consistency = async (first: number, second: number) => {
        const response = await fetch(`${api}/get-sth-consistency?first=${first}&second=${second}`);
        expect(response.status).toBe(200);
        return ((await response.json()) as { consistency: string[] }).consistency.map(bytes);
      };
      const pinned = { publisherKey: publisherKeys.verifierKey, logKey: logKeys.verifierKey };
      const check = verifyAttestation(bundle, {
        ...pinned,
        earlier: { checkpoint: earlier, consistencyProof: await consistency(2, attested.treeSize) },
      });
      expect(check).toMatchObject({
        ok: true,
        index: 2,
        treeSize: 3,
        extends: 2,
        pinned: { publisher: true, log: true },
      });
      // A proof to the log's newer size is not a proof to the bundle's head.
      const wrong = verifyAttestation(bundle, {
        ...pinned,
        earlier: { checkpoint: earlier, consistencyProof: await consistency(2, await log.size()) },
      });
      expect(wrong).toMatchObject({ ok: false, code: "LOG_REWRITTEN" });
    } finally {
      await server.close();
    }
  });
});
