/**
 * `npm run bench`: measures the guard and its peers over every file in the shared prompt data and
 * writes docs/benchmarks.md. A script, not a library: it is the one place in bench/ that prints.
 */
import { readdir, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGuard } from "@rampart/guard";
import { processIo, progressBar } from "../cli/io.js";
import { formatLineIssues } from "../io/jsonl.js";
import { STARTER_SOURCES } from "../signatures/starter-data.js";
import { type Contender, installedVersion } from "./contenders/contender.js";
import { REPORT_AT } from "./contenders/rampart.js";
import { CONTENDERS } from "./contenders/registry.js";
import { type LabelledRow, readLabelled } from "./dataset.js";
import { exchangeSection } from "./exchange.js";
import { leakSection } from "./leaks.js";
import { ledgerSection } from "./ledger.js";
import { buildInput, LINEAR_SIZES, timeCheck } from "./linear-cost.js";
import { describeMachine } from "./machine.js";
import { quality } from "./metrics.js";
import { outputHaltingSection } from "./output-halting.js";
import { proxyOverheadSection } from "./proxy-overhead.js";
import { redteamSection } from "./redteam.js";
import type { ContenderResult, GroupInfo } from "./report.js";
import { renderReport } from "./report.js";
import { measure, summarise } from "./run.js";
import { measureStartUp } from "./start-up.js";
import { subsample } from "./subsample.js";
import { trajectorySection } from "./trajectory.js";

/** Sources whose templates became starter signatures: their rows are not held out for the guard. */
const SIGNATURE_SOURCES = STARTER_SOURCES.filter((s) => s.template !== undefined).map((s) =>
  basename(s.file, ".jsonl"),
);

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const io = processIo();
const log = (line: string) => io.stderr.write(`${line}\n`);

async function writeReport(): Promise<number> {
  const started = performance.now();
  const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(repoRoot, "../shared/data"));
  const promptsDir = join(dataDir, "prompts");
  let files: string[];
  try {
    files = (await readdir(promptsDir)).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    log(`no prompt data at ${promptsDir}: set RAMPART_DATA_DIR to the folder that holds prompts/`);
    return 2;
  }
  const rows: LabelledRow[] = [];
  let bad = 0;
  for (const file of files) {
    for await (const entry of readLabelled(join(promptsDir, file))) {
      if (entry.ok) rows.push(entry.value);
      else {
        bad++;
        for (const line of formatLineIssues(file, entry)) log(line);
      }
    }
  }
  log(`${rows.length} rows from ${files.length} files in ${promptsDir}`);

  const slowest = Math.min(...CONTENDERS.map((c) => c.rowsPerSource ?? Number.POSITIVE_INFINITY));
  const shared = Number.isFinite(slowest) ? subsample(rows, slowest) : undefined;
  const benign = rows.filter((r) => r.label === "benign" && r.messages === undefined).map((r) => r.text);
  const linearInputs = LINEAR_SIZES.map((size) => buildInput(benign.length > 0 ? benign : ["hello"], size.chars));
  const oversizedInput = linearInputs.at(-1)!;

  const results: ContenderResult[] = [];
  for (const contender of CONTENDERS) {
    results.push(await run(contender, rows, shared, linearInputs, oversizedInput));
  }

  const startUp = await measureStartUp();
  const guardVerdict = createGuard().check(oversizedInput);
  const reason = guardVerdict.signals[0]?.reason ?? "no signal";
  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    dataDir: relative(repoRoot, dataDir) || ".",
    files: files.length,
    rows: {
      total: rows.length,
      attack: rows.filter((r) => r.label === "attack").length,
      benign: rows.filter((r) => r.label === "benign").length,
      bad,
    },
    sources: groups(rows, (r) => r.source),
    kinds: groups(rows, (r) => r.kind),
    at: REPORT_AT,
    signatureSources: SIGNATURE_SOURCES,
    ...(shared === undefined ? {} : { shared: { perSource: slowest, rows: shared.length } }),
    contenders: results,
    oversized: {
      chars: oversizedInput.length,
      guardOutcome: `its verdict is \`${guardVerdict.action}\` (${guardVerdict.categories.join(", ") || "no category"}: "${reason}")`,
    },
    startUp,
    seconds: (performance.now() - started) / 1000,
  });
  log("output monitor, leaks, conversation trajectory, proxy overhead, ledger, exchange, red team");
  const sections = [
    report,
    await outputHaltingSection(join(dataDir, "outputs")),
    leakSection(dataDir),
    trajectorySection(dataDir),
    await proxyOverheadSection(),
    await ledgerSection(),
    await exchangeSection(),
    await redteamSection(),
  ];
  const out = join(repoRoot, "docs/benchmarks.md");
  await writeFile(out, sections.join("\n"));
  log(`wrote ${relative(process.cwd(), out)}`);
  return 0;
}

async function run(
  contender: Contender,
  rows: readonly LabelledRow[],
  shared: readonly number[] | undefined,
  linearInputs: readonly string[],
  oversizedInput: string,
): Promise<ContenderResult> {
  const version = await installedVersion(contender.npm).catch(() => "not installed");
  const seen = contender.rowsPerSource === undefined ? rows.map((_, i) => i) : subsample(rows, contender.rowsPerSource);
  const base = {
    id: contender.id,
    npm: contender.npm,
    version,
    description: contender.description,
    method: contender.method,
    rowsSeen: seen.length,
    subsampled: seen.length < rows.length,
  };
  try {
    const check = await contender.load({ scanLargeInputs: false });
    const seenRows = seen.map((i) => rows[i]!);
    const progress = progressBar(io, seenRows.length, `prompts (${contender.id})`);
    let shown = 0;
    const started = performance.now();
    const measured = await measure(check, seenRows, {
      onProgress: (done) => {
        progress.increment(done - shown);
        shown = done;
      },
    });
    progress.stop();
    log(`${contender.id}: ${seenRows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const outcomes = seenRows.map((row, i) => ({
      row,
      index: seen[i]!,
      attack: row.label === "attack",
      detected: measured.detected[i]!,
    }));
    const sharedSet = new Set(shared ?? []);
    const scanning = await contender.load({ scanLargeInputs: true });
    const linear = [];
    for (const [i, size] of LINEAR_SIZES.entries())
      linear.push(await timeCheck(scanning, linearInputs[i]!, size.repeats));
    return {
      ...base,
      summary: summarise(seenRows, measured),
      heldOut: quality(outcomes.filter((o) => !SIGNATURE_SOURCES.includes(o.row.source))),
      onShared: quality(outcomes.filter((o) => sharedSet.has(o.index))),
      linear,
      oversized: await timeCheck(check, oversizedInput, 3),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`${contender.id}: not measured: ${reason}`);
    return { ...base, error: reason };
  }
}

function groups(rows: readonly LabelledRow[], key: (row: LabelledRow) => string): GroupInfo[] {
  const found = new Map<string, { attack: number; benign: number }>();
  for (const row of rows) {
    const name = key(row);
    const group = found.get(name) ?? { attack: 0, benign: 0 };
    group[row.label]++;
    found.set(name, group);
  }
  return [...found].map(([name, g]) => ({ name, ...g }));
}

try {
  process.exitCode = await writeReport();
} catch (error) {
  log(`npm run bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
