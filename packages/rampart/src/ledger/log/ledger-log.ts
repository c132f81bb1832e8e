import { RampartError } from "@rampart/guard";
import { GroupCommit } from "../../store/group-commit.js";
import type { Queryable, Store } from "../../store/index.js";
import {
  appendNodes,
  consistencyPlan,
  equalHashes,
  inclusionPlan,
  leafHash,
  planKeys,
  resolvePlan,
  rootOf,
  rootPlan,
} from "../merkle/index.js";
import { type Signer, signCheckpoint } from "../signing/index.js";
import { findLeaves, readNodes, writeEntries, writeNodes } from "./tree-rows.js";

/** Where an appended entry landed; `duplicate` when the same bytes were logged before (appends are idempotent). */
export interface AppendResult {
  readonly index: number;
  readonly leafHash: Uint8Array;
  readonly duplicate: boolean;
}

/** A signed tree head: the C2SP checkpoint note and the values it signs. */
export interface SignedTreeHead {
  readonly size: number;
  readonly root: Uint8Array;
  readonly note: string;
}

export interface LedgerLogOptions {
  readonly store: Store;
  /** Signs tree heads; its key name is the log's origin. */
  readonly signer: Signer;
  /** Most entries committed in one transaction (default 4,096). */
  readonly maxBatch?: number;
}

/** Largest entry the log accepts: an attestation envelope of a large report, with room to spare. */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

/**
 * The append-only RFC 9162 Merkle log over the common store. Appends from many callers are batched
 * into one transaction; the head row's lock orders appends from every node sharing a database.
 */
export class LedgerLog {
  private readonly sequencer: GroupCommit<Uint8Array, AppendResult>;

  private constructor(
    private readonly store: Store,
    private readonly signer: Signer,
    maxBatch: number,
  ) {
    this.sequencer = new GroupCommit((entries) => this.commit(entries), maxBatch);
  }

  /** Opens the log in a migrated store; a log keeps the key it first signed with. */
  static async open(options: LedgerLogOptions): Promise<LedgerLog> {
    const [head] = await options.store.query<{ log_key: string | null }>("SELECT log_key FROM ledger_head");
    if (head === undefined)
      throw new RampartError("STORE_FAILED", "The ledger tables are missing: migrations did not run.");
    if (head.log_key !== null && head.log_key !== options.signer.verifierKey) {
      throw new RampartError(
        "KEY_INVALID",
        `This log signs with ${head.log_key}, not ${options.signer.verifierKey}: open it with its own key (a log that changed key could fork its history).`,
      );
    }
    return new LedgerLog(options.store, options.signer, options.maxBatch ?? 4096);
  }

  get origin(): string {
    return this.signer.name;
  }

  /** The log's public key, in signed-note verifier form: what auditors pin. */
  get verifierKey(): string {
    return this.signer.verifierKey;
  }

  append(entry: Uint8Array): Promise<AppendResult> {
    if (entry.byteLength > MAX_ENTRY_BYTES) {
      return Promise.reject(
        new RampartError(
          "INPUT_TOO_LARGE",
          `A log entry is at most ${MAX_ENTRY_BYTES} bytes; this one is ${entry.byteLength}.`,
        ),
      );
    }
    return this.sequencer.submit(entry);
  }

  async size(): Promise<number> {
    const [head] = await this.store.query<{ size: number }>("SELECT size FROM ledger_head");
    return head!.size;
  }

  /** The index of an entry by its leaf hash, if it is in the log. */
  async indexOf(hash: Uint8Array): Promise<number | undefined> {
    return (await findLeaves(this.store, [hash])).get(Buffer.from(hash).toString("hex"));
  }

  async entries(start: number, end: number): Promise<{ index: number; entry: Uint8Array }[]> {
    const rows = await this.store.query<{ idx: number; entry: Uint8Array }>(
      "SELECT idx, entry FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx",
      [start, end],
    );
    return rows.map((row) => ({ index: row.idx, entry: row.entry }));
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    await this.requireSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RampartError("INPUT_INVALID", `Leaf index ${index} is not in a tree of ${size} entries.`);
    }
    const plan = inclusionPlan(index, size);
    return resolvePlan(plan, await readNodes(this.store, planKeys(plan)));
  }

  async consistencyProof(oldSize: number, newSize: number): Promise<Uint8Array[]> {
    await this.requireSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > newSize) {
      throw new RampartError(
        "INPUT_INVALID",
        `No consistency proof from size ${oldSize} to ${newSize}: need 1 <= old <= new.`,
      );
    }
    const plan = consistencyPlan(oldSize, newSize);
    return resolvePlan(plan, await readNodes(this.store, planKeys(plan)));
  }

  async root(size: number): Promise<Uint8Array> {
    await this.requireSize(size);
    return rootOf(size, await readNodes(this.store, rootPlan(size)));
  }

  /** The newest signed tree head, if the log has signed one. */
  async latestCheckpoint(): Promise<SignedTreeHead | undefined> {
    const [row] = await this.store.query<{ size: number; root: Uint8Array; note: string }>(
      "SELECT size, root, note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1",
    );
    return row;
  }

  /**
   * Signs a tree head for the current size (or returns the one already signed). Before signing, the
   * stored tree must still hash to the previous head: a log never signs two inconsistent heads.
   */
  async checkpoint(): Promise<SignedTreeHead> {
    return this.store.transaction(async (tx) => {
      const [head] = await tx.query<{ size: number }>("SELECT size FROM ledger_head FOR UPDATE");
      const size = head!.size;
      const [signed] = await tx.query<SignedTreeHead>(
        "SELECT size, root, note FROM ledger_checkpoints WHERE size = $1",
        [size],
      );
      if (signed !== undefined) return signed;
      await assertExtends(tx, size);
      const root = rootOf(size, await readNodes(tx, rootPlan(size)));
      const note = signCheckpoint({ origin: this.origin, size, root, extensions: [] }, this.signer);
      await tx.query("INSERT INTO ledger_checkpoints (size, root, note) VALUES ($1, $2, $3)", [size, root, note]);
      await tx.query("UPDATE ledger_head SET log_key = $1 WHERE log_key IS NULL", [this.signer.verifierKey]);
      return { size, root, note };
    });
  }

  private async requireSize(size: number): Promise<void> {
    const current = await this.size();
    if (!Number.isSafeInteger(size) || size < 1 || size > current) {
      throw new RampartError("INPUT_INVALID", `Tree size ${size} is not between 1 and the log's size ${current}.`);
    }
  }

  private async commit(entries: readonly Uint8Array[]): Promise<AppendResult[]> {
    const hashes = entries.map((entry) => leafHash(entry));
    return this.store.transaction(async (tx) => {
      const [head] = await tx.query<{ size: number }>("SELECT size FROM ledger_head FOR UPDATE");
      const size = head!.size;
      const known = await findLeaves(tx, hashes);
      const fresh: { entry: Uint8Array; leafHash: Uint8Array }[] = [];
      const results = hashes.map((hash, i): AppendResult => {
        const hex = Buffer.from(hash).toString("hex");
        const logged = known.get(hex);
        if (logged !== undefined) return { index: logged, leafHash: hash, duplicate: true };
        const index = size + fresh.length;
        known.set(hex, index);
        fresh.push({ entry: entries[i]!, leafHash: hash });
        return { index, leafHash: hash, duplicate: false };
      });
      if (fresh.length > 0) {
        const frontier = await readNodes(tx, rootPlan(size));
        await writeEntries(tx, size, fresh);
        await writeNodes(
          tx,
          appendNodes(
            size,
            frontier,
            fresh.map((row) => row.leafHash),
          ),
        );
        await tx.query("UPDATE ledger_head SET size = $1", [size + fresh.length]);
      }
      return results;
    });
  }
}

/** The stored tree must reproduce the root of the newest signed head, or the store was rewritten. */
async function assertExtends(tx: Queryable, size: number): Promise<void> {
  const [previous] = await tx.query<{ size: number; root: Uint8Array }>(
    "SELECT size, root FROM ledger_checkpoints ORDER BY size DESC LIMIT 1",
  );
  if (previous === undefined || previous.size === 0) return;
  if (previous.size > size) {
    throw new RampartError(
      "LOG_REWRITTEN",
      `The log shrank from ${previous.size} to ${size} entries; refusing to sign.`,
    );
  }
  const recomputed = rootOf(previous.size, await readNodes(tx, rootPlan(previous.size)));
  if (!equalHashes(recomputed, previous.root)) {
    throw new RampartError(
      "LOG_REWRITTEN",
      `The stored tree no longer hashes to the head signed at size ${previous.size}; refusing to sign a new one.`,
    );
  }
}
