import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { openTestStore, POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { leafHash, MemoryTree, verifyConsistency, verifyInclusion } from "../merkle/index.js";
import { generateSigner, openCheckpoint, parseSigner, parseVerifier } from "../signing/index.js";
import { LedgerLog } from "./ledger-log.js";

const logKey = generateSigner("test.example/log");
const signer = parseSigner(logKey.signerKey);
const verifier = parseVerifier(logKey.verifierKey);
const entry = (i: number) => new TextEncoder().encode(`entry ${i}`);

const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
});

async function freshLog(kind: Store["kind"], options: { maxBatch?: number } = {}) {
  const store = await openTestStore(kind);
  open.push(store);
  return { store, log: await LedgerLog.open({ store, signer, ...options }) };
}

function contract(kind: Store["kind"]) {
  it("appends in order, and every proof verifies against the signed head and matches an in-memory tree", async () => {
    const { log } = await freshLog(kind);
    const reference = new MemoryTree();
    for (let i = 0; i < 37; i++) {
      const appended = await log.append(entry(i));
      reference.append(entry(i));
      expect(appended).toMatchObject({ index: i, duplicate: false });
    }
    const head = await log.checkpoint();
    expect(head.size).toBe(37);
    const opened = openCheckpoint(head.note, verifier);
    expect(opened.ok && Buffer.from(opened.checkpoint.root).equals(Buffer.from(reference.root()))).toBe(true);
    for (const size of [1, 2, 7, 16, 37]) {
      const root = await log.root(size);
      expect(Buffer.from(root).equals(Buffer.from(reference.root(size)))).toBe(true);
      for (const index of [0, size >> 1, size - 1]) {
        const proof = await log.inclusionProof(index, size);
        expect(proof.map((h) => Buffer.from(h).toString("hex"))).toEqual(
          reference.inclusionProof(index, size).map((h) => Buffer.from(h).toString("hex")),
        );
        const [stored] = await log.entries(index, index + 1);
        expect(Buffer.from(stored!.entry).toString()).toBe(`entry ${index}`);
        expect(verifyInclusion({ leafHash: leafHash(stored!.entry), index, size, proof, root }).ok).toBe(true);
      }
    }
    const proof = await log.consistencyProof(5, 37);
    const check = verifyConsistency({ oldSize: 5, newSize: 37, oldRoot: await log.root(5), newRoot: head.root, proof });
    expect(check).toEqual({ ok: true });
  });

  it("batches concurrent appends into few transactions, with distinct indices and no gap", async () => {
    const store = await openTestStore(kind);
    open.push(store);
    let transactions = 0;
    const counting: Store = {
      ...store,
      transaction: (work) => {
        transactions++;
        return store.transaction(work);
      },
    };
    const log = await LedgerLog.open({ store: counting, signer, maxBatch: 64 });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(entry(i))));
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(await log.size()).toBe(500);
    // 500 appends at most 64 to a batch: the first alone (nothing was waiting yet), then full batches.
    expect(transactions).toBeLessThanOrEqual(1 + Math.ceil(499 / 64));
  });

  it("logs an entry once: appending the same bytes again returns the first index", async () => {
    const { log } = await freshLog(kind);
    await log.append(entry(0));
    await log.append(entry(1));
    const [again, twiceInOneBatch] = await Promise.all([
      log.append(entry(0)),
      log.append(entry(1)),
      log.append(entry(1)),
    ]);
    expect(again).toMatchObject({ index: 0, duplicate: true });
    expect(twiceInOneBatch).toMatchObject({ index: 1, duplicate: true });
    expect(await log.size()).toBe(2);
  });

  it("signs one head per size and returns the stored one when asked again", async () => {
    const { log } = await freshLog(kind);
    const empty = await log.checkpoint();
    expect(empty.size).toBe(0);
    await log.append(entry(0));
    const first = await log.checkpoint();
    expect(await log.checkpoint()).toEqual(first);
    expect((await log.latestCheckpoint())?.size).toBe(1);
  });

  it("refuses to sign a new head when the stored subtrees no longer hash to the last signed root", async () => {
    const { store, log } = await freshLog(kind);
    for (let i = 0; i < 4; i++) await log.append(entry(i));
    await log.checkpoint();
    // The subtree over entries 0..3: the last head's root, and the left sibling in every later proof.
    await store.query("UPDATE ledger_nodes SET hash = $1 WHERE level = 2 AND idx = 0", [new Uint8Array(32)]);
    await log.append(entry(4));
    await expect(log.checkpoint()).rejects.toMatchObject({ code: "LOG_REWRITTEN" });
  });

  it("keeps the key it first signed with", async () => {
    const { store, log } = await freshLog(kind);
    await log.checkpoint();
    const other = parseSigner(generateSigner("test.example/log").signerKey);
    await expect(LedgerLog.open({ store, signer: other })).rejects.toMatchObject({ code: "KEY_INVALID" });
  });

  it("rejects proofs for sizes and indices outside the tree with INPUT_INVALID", async () => {
    const { log } = await freshLog(kind);
    await log.append(entry(0));
    await expect(log.inclusionProof(0, 2)).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(log.inclusionProof(1, 1)).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(log.consistencyProof(0, 1)).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(log.inclusionProof(0.5, 1)).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
}

describe("ledger log on PGlite", () => contract("pglite"));

describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => {
  contract("postgres");

  it("two nodes appending to one database at once build one tree: no index twice, none lost", async () => {
    const store = await openTestStore("postgres");
    open.push(store);
    const nodeA = await LedgerLog.open({ store, signer, maxBatch: 16 });
    const nodeB = await LedgerLog.open({ store, signer, maxBatch: 16 });
    const appends = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? nodeA : nodeB).append(entry(i)));
    const indices = (await Promise.all(appends)).map((r) => r.index).sort((a, b) => a - b);
    expect(indices).toEqual(Array.from({ length: 400 }, (_, i) => i));
    const head = await nodeB.checkpoint();
    const rows = await nodeA.entries(0, 400);
    const rebuilt = new MemoryTree();
    for (const row of rows) rebuilt.append(row.entry);
    expect(Buffer.from(rebuilt.root()).equals(Buffer.from(head.root))).toBe(true);
  });
});
