import type { Action } from "@rampart/guard";
import { LINEAR_SIZES, type Timed, TRAILING_ATTACK } from "./linear-cost.js";
import type { Machine } from "./machine.js";
import type { Quality } from "./metrics.js";
import type { BenchSummary } from "./run.js";
import type { StartUp } from "./start-up.js";

export interface ContenderResult {
  readonly id: string;
  readonly npm: string;
  readonly version: string;
  readonly description: string;
  readonly method: string;
  /** Rows it was measured on: all of them, or its subsample. */
  readonly rowsSeen: number;
  readonly subsampled: boolean;
  /** Why it could not be measured; a contender that failed is reported, never dropped. */
  readonly error?: string;
  readonly summary?: BenchSummary;
  /** Over the rows it saw, less the sources the starter signatures were derived from. */
  readonly heldOut?: Quality;
  /** Over the subsample every contender saw, so slow and fast contenders compare on the same rows. */
  readonly onShared?: Quality;
  /** One per LINEAR_SIZES entry. */
  readonly linear?: readonly Timed[];
  /** The oversized input, each contender as it ships. */
  readonly oversized?: Timed;
}

export interface GroupInfo {
  readonly name: string;
  readonly attack: number;
  readonly benign: number;
}

export interface ReportData {
  readonly date: string;
  readonly machine: Machine;
  readonly dataDir: string;
  readonly files: number;
  readonly rows: { readonly total: number; readonly attack: number; readonly benign: number; readonly bad: number };
  readonly sources: readonly GroupInfo[];
  readonly kinds: readonly GroupInfo[];
  readonly at: Action;
  readonly signatureSources: readonly string[];
  readonly shared?: { readonly perSource: number; readonly rows: number };
  readonly contenders: readonly ContenderResult[];
  readonly oversized: { readonly chars: number; readonly guardOutcome: string };
  readonly startUp: StartUp;
  readonly seconds: number;
}

export function renderReport(data: ReportData): string {
  const measured = data.contenders.filter((c) => c.summary !== undefined);
  const sections = [
    header(data),
    contendersSection(data),
    overallSection(data, measured),
    groupSection("Per source", "source", data.sources, measured, data.signatureSources, (s) => s.bySource),
    groupSection("Per kind", "kind", data.kinds, measured, [], (s) => s.byKind),
    linearSection(measured),
    oversizedSection(data, measured),
    startUpSection(data.startUp),
    notesSection(data),
  ];
  return `${sections.join("\n\n")}\n`;
}

function header(data: ReportData): string {
  const m = data.machine;
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (`packages/rampart/src/bench/write-report.ts`); every figure below comes from one run.",
    "Do not edit by hand: re-run the command.",
    "",
    `- **Date:** ${data.date}`,
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}; Node ${m.node}.`,
    "  Every check runs on the main thread, so latency and prompts/s are for **one core**.",
    `  Load average at the end of the run: ${m.load}${m.load > m.cores ? ` (more than ${m.cores} cores: other work competed for the CPU, so timings are pessimistic; compare contenders within this run only)` : ""}.`,
    `- **Data:** \`${data.dataDir}/prompts\`: ${data.files} files, ${n(data.rows.total)} rows (${n(data.rows.attack)} attack, ${n(data.rows.benign)} benign)${data.rows.bad > 0 ? `; ${data.rows.bad} malformed rows skipped` : ""}.`,
    `- **Detected** means the guard's verdict is \`${data.at}\` or stronger; for a peer, its own yes/no (below).`,
    "- **In-sample for the classifier.** The guard's learned classifier was trained on the train split (80%) of these same files, so the",
    "  detection figures of `rampart` and `rampart@flag` are optimistic: its held-out figures (test split, leave one source out) are in",
    "  [model.md](model.md). `rampart-noclassifier` and `rampart-nosig` do not use it.",
    `- **Run time:** ${data.seconds.toFixed(0)} s for the whole report.`,
  ].join("\n");
}

function startUpSection(startUp: StartUp): string {
  return [
    "## Start-up and memory",
    "",
    "The guard's own cost in a fresh Node process (targets: model load ≤ 300 ms, resident memory with the model ≤ 150 MB):",
    "",
    "| | measured |",
    "|---|---:|",
    `| import \`@rampart/guard\` (code and the bundled model's module) | ${startUp.importMillis.toFixed(0)} ms |`,
    `| first \`createGuard()\` and check (decodes the model) | ${startUp.firstGuardMillis.toFixed(0)} ms |`,
    `| model load, both together | ${(startUp.importMillis + startUp.firstGuardMillis).toFixed(0)} ms |`,
    `| resident memory after one check | ${startUp.rssMiB.toFixed(0)} MiB |`,
    `| resident memory of a process that imported the guard but built none | ${startUp.baselineRssMiB.toFixed(0)} MiB |`,
  ].join("\n");
}

function contendersSection(data: ReportData): string {
  const rows = data.contenders.map((c) => [
    `\`${c.id}\``,
    `\`${c.npm}\` ${c.version}`,
    c.description,
    c.method,
    c.error !== undefined ? `**not measured:** ${c.error}` : c.subsampled ? `${n(c.rowsSeen)} (subsample)` : "all",
  ]);
  return [
    "## Contenders",
    "",
    "Each sits behind an adapter of one shape (`load() → check(text) → detected`), listed in `src/bench/contenders/registry.ts`.",
    "Both peers run offline: `vard` is regular expressions; `llm_guardrail` reads its model JSON from its own package directory.",
    "",
    table(["id", "package", "what", "how it is called", "rows"], rows),
  ].join("\n");
}

function overallSection(data: ReportData, measured: readonly ContenderResult[]): string {
  const overall = measured.map((c) => {
    const s = c.summary!;
    const l = s.latency;
    return [
      `\`${c.id}\``,
      n(c.rowsSeen),
      pct(s.overall.tpr),
      pct(s.overall.fpr),
      ...counts(s.overall),
      n(l.p50Micros),
      n(l.p90Micros),
      n(l.p99Micros),
      n(l.perSecond),
    ];
  });
  const parts = [
    "## Overall",
    "",
    table(
      ["contender", "rows", "TPR", "FPR", "tp", "fp", "tn", "fn", "p50 µs", "p90 µs", "p99 µs", "prompts/s"],
      overall,
    ),
    "",
    `**Held out.** The starter signatures were derived from ${data.signatureSources.map((s) => `\`${s}\``).join(", ")}, so those rows are not held out for the guard. The same figures without them:`,
    "",
    table(
      ["contender", "TPR", "FPR", "tp", "fp", "tn", "fn"],
      measured.map((c) => [`\`${c.id}\``, pct(c.heldOut!.tpr), pct(c.heldOut!.fpr), ...counts(c.heldOut!)]),
    ),
  ];
  if (data.shared !== undefined) {
    parts.push(
      "",
      `**Same rows for all.** A slow contender saw at most ${data.shared.perSource} rows per source (${n(data.shared.rows)} rows, chosen by hash of id, the same every run). Every contender on exactly those rows:`,
      "",
      table(
        ["contender", "TPR", "FPR", "tp", "fp", "tn", "fn"],
        measured.map((c) => [`\`${c.id}\``, pct(c.onShared!.tpr), pct(c.onShared!.fpr), ...counts(c.onShared!)]),
      ),
    );
  }
  return parts.join("\n");
}

function groupSection(
  title: string,
  column: string,
  groups: readonly GroupInfo[],
  measured: readonly ContenderResult[],
  marked: readonly string[],
  pick: (summary: BenchSummary) => Record<string, Quality>,
): string {
  const rows = groups.map((group) => [
    marked.includes(group.name) ? `${group.name} *(signature source)*` : group.name,
    n(group.attack),
    n(group.benign),
    ...measured.map((c) => cell(pick(c.summary!)[group.name], group)),
  ]);
  return [
    `## ${title}`,
    "",
    "Attack rows show the detection rate (TPR, detected/attacks), benign rows the false-positive rate (FPR, detected/benign); `TPR / FPR` where a group has both.",
    "",
    table([column, "attack", "benign", ...measured.map((c) => (c.subsampled ? `${c.id} (subsample)` : c.id))], rows),
  ].join("\n");
}

/** The rate with the counts behind it, which for a subsampled contender differ from the group's totals. */
function cell(q: Quality | undefined, group: GroupInfo): string {
  if (q === undefined) return "–";
  const tpr = `${pct(q.tpr)} (${n(q.tp)}/${n(q.tp + q.fn)})`;
  const fpr = `${pct(q.fpr)} (${n(q.fp)}/${n(q.fp + q.tn)})`;
  if (group.attack > 0 && group.benign > 0) return `${tpr} / ${fpr}`;
  return group.attack > 0 ? tpr : fpr;
}

function linearSection(measured: readonly ContenderResult[]): string {
  const sizes = LINEAR_SIZES.map((s) => s.label);
  const rows = measured
    .filter((c) => c.linear !== undefined)
    .map((c) => [
      `\`${c.id}\``,
      ...c.linear!.flatMap((t, i) => {
        if (!t.ok) return [`throws: ${t.error}`, "–"];
        return [n(t.micros), (t.micros / (LINEAR_SIZES[i]!.chars / 1024)).toFixed(1)];
      }),
      c.linear!.map((t) => (t.ok ? (t.detected ? "yes" : "no") : "–")).join(" / "),
    ]);
  return [
    "## Linear cost",
    "",
    `Benign prompts from the data concatenated to each size, then one attack at the very end (\`${TRAILING_ATTACK}\`).`,
    "Size limits are lifted for this test only (the guard's `maxInputChars`, vard's `maxLength`), so the whole input is scanned;",
    "times are the median of several calls after one untimed call. Linear cost means µs/KB stays flat as the size grows.",
    "",
    table(["contender", ...sizes.flatMap((s) => [`${s} µs`, "µs/KB"]), `attack found (${sizes.join(" / ")})`], rows),
  ].join("\n");
}

function oversizedSection(data: ReportData, measured: readonly ContenderResult[]): string {
  const rows = measured
    .filter((c) => c.oversized !== undefined)
    .map((c) => {
      const t = c.oversized!;
      return [
        `\`${c.id}\``,
        t.ok ? n(t.micros) : "–",
        t.ok ? (t.detected ? "detected" : "not detected") : `throws: ${t.error}`,
      ];
    });
  return [
    "## Oversized input",
    "",
    `The ${LINEAR_SIZES.at(-1)!.label} input above (${n(data.oversized.chars)} characters), every contender as it ships.`,
    `The guard does not scan past its policy's \`maxInputChars\`: ${data.oversized.guardOutcome}.`,
    "",
    table(["contender", "µs", "outcome"], rows),
  ].join("\n");
}

function notesSection(data: ReportData): string {
  const slow = data.contenders
    .filter((c) => c.subsampled && c.summary !== undefined)
    .map((c) => {
      const minutes = data.rows.total / c.summary!.latency.perSecond / 60;
      return `- \`${c.id}\` saw a fixed subsample (${n(c.rowsSeen)} rows): at ${n(c.summary!.latency.perSecond)} prompts/s the full ${n(data.rows.total)} rows would take about ${minutes.toFixed(0)} minutes, past this report's budget of a few minutes on two cores. Its rates carry more sampling error; the "same rows for all" table is the fair comparison.`;
    });
  return [
    "## Reading these numbers",
    "",
    `- Rows marked *signature source* (${data.signatureSources.join(", ")}) helped build the starter signatures; compare \`rampart\` with \`rampart-nosig\` there, and use the held-out table for claims.`,
    "- Multi-turn rows (cosafe, mt-bench) reach the guard as their `messages`, which it screens turn by turn (user and tool turns; system and assistant turns are not screened); the peers have no conversation API and get the flattened `text`.",
    "- `harmful` rows are plain hazard requests without any attack technique, and `benign-borderline` rows are safe requests that sound unsafe (XSTest, MITRE FRR): prompt-injection detectors such as vard do not aim at the first, and the second measure over-refusal.",
    "- Latency is wall time around each call with `process.hrtime.bigint()`, after a warm-up; a peer with an async API is timed including its promise.",
    ...slow,
  ].join("\n");
}

function counts(q: Quality): string[] {
  return [n(q.tp), n(q.fp), n(q.tn), n(q.fn)];
}

function pct(rate: number | null): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(1)}%`;
}

function n(value: number): string {
  return value.toLocaleString("en-US");
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  const align = headers.map((_, i) =>
    rows.length > 0 && rows.every((r) => /^[\d.,%–\s/()]+$/.test(r[i] ?? "")) ? "---:" : "---",
  );
  return [line(headers), `|${align.join("|")}|`, ...rows.map(line)].join("\n");
}
