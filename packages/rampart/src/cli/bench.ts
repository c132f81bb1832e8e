import { ACTIONS, type Action } from "@rampart/guard";
import { type Command, Option } from "commander";
import { type LabelledRow, readLabelled } from "../bench/dataset.js";
import type { Quality } from "../bench/metrics.js";
import { guardSubject, suiteOf } from "../bench/provenance.js";
import { type BenchSummary, guardCheck, measure, summarise } from "../bench/run.js";
import { formatLineIssues } from "../io/jsonl.js";
import { type CommandContext, EXIT } from "./command.js";
import { type GuardFlags, guardFrom, withGuardOptions } from "./guard-options.js";
import { type CliIo, progressBar, writeLine } from "./io.js";
import { textTable } from "./render/table.js";

interface BenchFlags extends GuardFlags {
  readonly at: Action;
  readonly json?: boolean;
}

export function registerBench(program: Command, context: CommandContext): void {
  const command = program
    .command("bench")
    .description("measure detection (TPR/FPR per source and kind) and latency over labelled JSONL files")
    .argument("<files...>", "JSONL files of {id, text, label: attack|benign, kind, source, category?, messages?}")
    .addOption(
      new Option("--at <action>", "count a prompt as detected at this action or stronger")
        .choices(ACTIONS)
        .default("block"),
    )
    .option(
      "--json",
      "print one JSON object: {overall, bySource, byKind, latency, subject, suite}, ready for rampart attest",
    );
  withGuardOptions(command).action(async (files: string[], flags: BenchFlags) => {
    context.exitCode = await bench(files, flags, context.io);
  });
}

async function bench(files: readonly string[], flags: BenchFlags, io: CliIo): Promise<number> {
  const guard = await guardFrom(flags);
  const rows: LabelledRow[] = [];
  let bad = false;
  for (const file of files) {
    for await (const entry of readLabelled(file)) {
      if (entry.ok) {
        rows.push(entry.value);
      } else {
        bad = true;
        for (const line of formatLineIssues(file, entry)) await writeLine(io.stderr, line);
      }
    }
  }
  if (rows.length === 0) {
    await writeLine(io.stderr, `no labelled rows in ${files.join(", ")}: nothing to measure`);
    return EXIT.usage;
  }
  const progress = progressBar(io, rows.length, "prompts");
  let shown = 0;
  const measured = await measure(guardCheck(guard, flags.at), rows, {
    onProgress: (done) => {
      progress.increment(done - shown);
      shown = done;
    },
  });
  progress.stop();
  const summary = summarise(rows, measured);
  const report = flags.json
    ? JSON.stringify({ ...summary, subject: await guardSubject(guard, flags), suite: await suiteOf(files) })
    : benchText(summary, rows.length, flags.at);
  await writeLine(io.stdout, report);
  return bad ? EXIT.usage : EXIT.ok;
}

export function benchText(summary: BenchSummary, rows: number, at: Action): string {
  const header = ["", "TPR", "FPR", "tp", "fp", "tn", "fn"];
  const lines = (group: Record<string, Quality>) =>
    Object.entries(group).map(([name, q]) => [
      name,
      percent(q.tpr),
      percent(q.fpr),
      String(q.tp),
      String(q.fp),
      String(q.tn),
      String(q.fn),
    ]);
  const { p50Micros, p90Micros, p99Micros, perSecond } = summary.latency;
  return [
    `${rows} prompts; detected = verdict ${at} or stronger`,
    "",
    textTable(["source", ...header.slice(1)], lines(summary.bySource)),
    "",
    textTable(["kind", ...header.slice(1)], lines(summary.byKind)),
    "",
    textTable(["overall", ...header.slice(1)], lines({ all: summary.overall })),
    "",
    `latency: p50 ${p50Micros} µs, p90 ${p90Micros} µs, p99 ${p99Micros} µs; ${perSecond} prompts/s on one core`,
  ].join("\n");
}

function percent(rate: number | null): string {
  return rate === null ? "-" : `${(rate * 100).toFixed(1)}%`;
}
