/**
 * The transparency log's speed: appends per second on the embedded store, proof generation as the
 * log grows to a million entries (rows read and time per proof), and inclusion-proof checks per
 * second on one core. Figures for docs/benchmarks.md; no assertion here.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LedgerLog } from "../ledger/log/ledger-log.js";
import { consistencyPlan, inclusionPlan, leafHash, planKeys, verifyInclusion } from "../ledger/merkle/index.js";
import { generateSigner, parseSigner } from "../ledger/signing/index.js";
import { openStore, type Store } from "../store/index.js";
import { describeMachine, type Machine } from "./machine.js";
import { latency } from "./metrics.js";

export interface LedgerBenchOptions {
  /** Entries appended, all submitted at once, for the throughput figure. */
  readonly appendEntries: number;
  /** Bytes per entry in that run: about a signed attestation of a small report. */
  readonly entryBytes: number;
  /** Appends awaited one by one, for the latency of a lone append (one transaction each). */
  readonly loneAppends: number;
  /** Log sizes at which proofs are generated and checked; the log grows through them in order. */
  readonly sizes: readonly number[];
  /** Proofs generated at each size. */
  readonly proofsPerSize: number;
  /** How long to check proofs at each size, in milliseconds. */
  readonly verifyMillis: number;
}

export const DEFAULT_LEDGER_BENCH: LedgerBenchOptions = {
  appendEntries: 20_000,
  entryBytes: 1024,
  loneAppends: 300,
  sizes: [1_000, 10_000, 100_000, 1_000_000],
  proofsPerSize: 200,
  verifyMillis: 2_000,
};

export interface SizeFigures {
  readonly size: number;
  readonly inclusionRows: number;
  readonly consistencyRows: number;
  readonly bound: number;
  readonly inclusionMillis: { readonly p50: number; readonly p99: number };
  readonly consistencyMillis: { readonly p50: number; readonly p99: number };
  readonly proofHashes: number;
  readonly verificationsPerSecond: number;
}

export interface LedgerFigures {
  readonly machine: Machine;
  readonly appendPerSecond: number;
  readonly appendEntries: number;
  readonly entryBytes: number;
  readonly loneAppendMillis: { readonly p50: number; readonly p99: number };
  readonly fillPerSecond: number;
  readonly sizes: readonly SizeFigures[];
}

export async function measureLedger(options: LedgerBenchOptions = DEFAULT_LEDGER_BENCH): Promise<LedgerFigures> {
  const directory = await mkdtemp(join(tmpdir(), "rampart-ledger-bench-"));
  const store = await openStore({ directory });
  try {
    const log = await LedgerLog.open({ store, signer: parseSigner(generateSigner("bench.invalid/log").signerKey) });
    const lone: number[] = [];
    for (let i = 0; i < options.loneAppends; i++) {
      const started = performance.now();
      await log.append(randomBytes(options.entryBytes));
      lone.push(performance.now() - started);
    }
    const entries = Array.from({ length: options.appendEntries }, () => randomBytes(options.entryBytes));
    const started = performance.now();
    await Promise.all(entries.map((entry) => log.append(entry)));
    const appendPerSecond = options.appendEntries / ((performance.now() - started) / 1000);

    const sizes: SizeFigures[] = [];
    let filling = 0;
    let filled = 0;
    for (const size of options.sizes) {
      const fillStarted = performance.now();
      const added = await fillTo(log, size);
      filling += performance.now() - fillStarted;
      filled += added;
      sizes.push(await measureAt(log, store, size, options));
    }
    return {
      machine: describeMachine(),
      appendPerSecond,
      appendEntries: options.appendEntries,
      entryBytes: options.entryBytes,
      loneAppendMillis: millis(lone),
      fillPerSecond: filled / (filling / 1000),
      sizes,
    };
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** Grows the log to `size` with small entries, 50,000 in flight at most, so memory stays flat. */
async function fillTo(log: LedgerLog, size: number): Promise<number> {
  const start = await log.size();
  for (let at = start; at < size; ) {
    const count = Math.min(50_000, size - at);
    await Promise.all(Array.from({ length: count }, (_, i) => log.append(Buffer.from(`filler ${at + i}`))));
    at += count;
  }
  return Math.max(0, size - start);
}

async function measureAt(
  log: LedgerLog,
  store: Store,
  size: number,
  options: LedgerBenchOptions,
): Promise<SizeFigures> {
  const indices = Array.from({ length: options.proofsPerSize }, (_, i) =>
    Math.floor(((i + 0.5) / options.proofsPerSize) * size),
  );
  const inclusion: number[] = [];
  const consistency: number[] = [];
  const cases: Parameters<typeof verifyInclusion>[0][] = [];
  const root = await log.root(size);
  let inclusionRows = 0;
  let consistencyRows = 0;
  let proofHashes = 0;
  for (const index of indices) {
    let started = performance.now();
    const proof = await log.inclusionProof(index, size);
    inclusion.push(performance.now() - started);
    inclusionRows = Math.max(inclusionRows, planKeys(inclusionPlan(index, size)).length);
    proofHashes = Math.max(proofHashes, proof.length);
    const [stored] = await store.query<{ entry: Uint8Array }>("SELECT entry FROM ledger_entries WHERE idx = $1", [
      index,
    ]);
    cases.push({ leafHash: leafHash(stored!.entry), index, size, proof, root });
    const oldSize = Math.max(1, index);
    started = performance.now();
    await log.consistencyProof(oldSize, size);
    consistency.push(performance.now() - started);
    consistencyRows = Math.max(consistencyRows, planKeys(consistencyPlan(oldSize, size)).length);
  }
  let checked = 0;
  const deadline = performance.now() + options.verifyMillis;
  const started = performance.now();
  while (performance.now() < deadline) {
    for (const item of cases) {
      if (!verifyInclusion(item).ok) throw new Error(`a proof from the log failed to verify at size ${size}`);
    }
    checked += cases.length;
  }
  return {
    size,
    inclusionRows,
    consistencyRows,
    bound: 2 * Math.ceil(Math.log2(size)) + 2,
    inclusionMillis: millis(inclusion),
    consistencyMillis: millis(consistency),
    proofHashes,
    verificationsPerSecond: checked / ((performance.now() - started) / 1000),
  };
}

/** p50 and p99 in milliseconds of times in milliseconds, by the same nearest rank as every other figure here. */
function millis(times: readonly number[]): { p50: number; p99: number } {
  const { p50Micros, p99Micros } = latency(times.map((t) => t * 1e6));
  return { p50: p50Micros / 1000, p99: p99Micros / 1000 };
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => n.toFixed(2);

export function renderLedger(figures: LedgerFigures): string {
  const { machine } = figures;
  const largest = figures.sizes.at(-1);
  return [
    "## Ledger (transparency log)",
    "",
    `Measured by \`npm run bench\` (alone: \`npm run bench:ledger\`) on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.load}. The log is on the embedded PGlite store in a temporary directory; one process, so proof checks run on one core.`,
    "",
    "| | measured | target |",
    "|---|---|---|",
    `| appends, ${count(figures.appendEntries)} entries of ${figures.entryBytes} bytes submitted at once (batched into shared transactions) | **${count(figures.appendPerSecond)}/s** | ≥ 10,000/s |`,
    `| one append awaited alone (its own transaction) | p50 ${ms(figures.loneAppendMillis.p50)} ms, p99 ${ms(figures.loneAppendMillis.p99)} ms | — |`,
    `| growing the log to ${count(largest?.size ?? 0)} entries (small entries) | ${count(figures.fillPerSecond)}/s | — |`,
    ...(largest === undefined
      ? []
      : [
          `| inclusion-proof checks at ${count(largest.size)} entries (${largest.proofHashes} hashes per proof) | **${count(largest.verificationsPerSecond)}/s** | ≥ 50,000/s |`,
        ]),
    "",
    "Proofs as the log grows: rows read per proof are the distinct stored subtrees the proof needs, fetched in one query; the bound is 2⌈log2 n⌉+2.",
    "",
    "| entries | inclusion: rows read | consistency: rows read | bound | inclusion proof p50 / p99 | consistency proof p50 / p99 | checks per second (one core) |",
    "|---|---|---|---|---|---|---|",
    ...figures.sizes.map(
      (s) =>
        `| ${count(s.size)} | ${s.inclusionRows} | ${s.consistencyRows} | ${s.bound} | ${ms(s.inclusionMillis.p50)} / ${ms(s.inclusionMillis.p99)} ms | ${ms(s.consistencyMillis.p50)} / ${ms(s.consistencyMillis.p99)} ms | ${count(s.verificationsPerSecond)} |`,
    ),
    "",
  ].join("\n");
}

export async function ledgerSection(options?: LedgerBenchOptions): Promise<string> {
  return renderLedger(await measureLedger(options));
}
