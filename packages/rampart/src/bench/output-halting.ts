import { createGuard, type Guard } from "@rampart/guard";
import type { StreamOutcome } from "../train/output/output-eval.js";
import { renderStreamOutcomes, totals } from "../train/output/output-eval-report.js";
import { type OutputExample, outputExamples } from "../train/output/output-examples.js";
import { readOutputRows } from "../train/output/output-rows.js";
import { latency } from "./metrics.js";

/** Characters per streamed piece: a few tokens, as a proxy relays them. */
const CHUNK = 8;

interface Streamed {
  readonly halted: boolean;
  readonly haltedAt: number;
}

/**
 * The whole stream monitor (every output scanner, the default policy), fed each labelled answer
 * CHUNK characters at a time after the input check of its prompt, as the proxy runs it. Reports
 * halting per source on the output classifier's test split (answers it never saw) and on all
 * rows, and what a push costs.
 */
export async function outputHaltingSection(outputsDir: string, seed = "rampart"): Promise<string> {
  const examples = outputExamples(await readOutputRows(outputsDir), seed);
  const guard = createGuard();
  const pushNanos: number[] = [];
  const streamed = examples.map((example) => stream(guard, example, pushNanos));
  const outcomes = (keep: (example: OutputExample) => boolean) => outcomesBySource(examples, streamed, keep);
  const pushes = latency(pushNanos);
  const all = totals(outcomes(() => true));
  return [
    "## Output monitor: halting harmful answers",
    "",
    `Every labelled answer in \`outputs/\` (${examples.length}, leak rows aside), streamed ${CHUNK} characters at a time through \`guard.monitor()\` ` +
      "(all output scanners, default policy) after the input check of its prompt, which is what the deviation signal reads. " +
      "The output classifier was trained on the train split of these files, so the all-rows table is mostly in-sample; the " +
      "test split is held out, and leave-one-source-out figures (the cross-source split) are in [output-model.md](output-model.md).",
    "",
    "### Test split (held out)",
    "",
    renderStreamOutcomes(
      outcomes((e) => e.split === "test"),
      "Answers in the output classifier's test split.",
    ),
    "",
    "### All rows",
    "",
    renderStreamOutcomes(
      outcomes(() => true),
      `All ${all.rows.harmful + all.rows.benign + all.rows.refusal} answers.`,
    ),
    "",
    "### Cost per push",
    "",
    `${pushNanos.length.toLocaleString("en-US")} pushes of ${CHUNK} characters: p50 ${pushes.p50Micros} µs, p90 ${pushes.p90Micros} µs, ` +
      `p99 ${pushes.p99Micros} µs (target ≤ 10 µs per chunk). A push that crosses the flag or halt point also builds the explanation, ` +
      "which reads the answer so far once: those few are the tail.",
    "",
  ].join("\n");
}

function stream(guard: Guard, example: OutputExample, pushNanos: number[]): Streamed {
  const messages = example.prompt === null ? [] : [{ role: "user" as const, content: example.prompt }];
  const monitor = guard.monitor({
    messages,
    ...(example.prompt === null ? {} : { inputVerdict: guard.check(messages) }),
  });
  const text = example.text;
  for (let at = 0; at < text.length; at += CHUNK) {
    const started = process.hrtime.bigint();
    const verdict = monitor.push(text.slice(at, at + CHUNK));
    pushNanos.push(Number(process.hrtime.bigint() - started));
    if (verdict.action === "halt") return { halted: true, haltedAt: Math.min(text.length, at + CHUNK) };
  }
  return { halted: monitor.end().action === "halt", haltedAt: text.length };
}

function outcomesBySource(
  examples: readonly OutputExample[],
  streamed: readonly Streamed[],
  keep: (example: OutputExample) => boolean,
): StreamOutcome[] {
  const bySource = new Map<
    string,
    { rows: StreamOutcome["rows"]; halted: StreamOutcome["halted"]; fractions: number }
  >();
  examples.forEach((example, i) => {
    if (!keep(example)) return;
    const entry = bySource.get(example.source) ?? {
      rows: { benign: 0, refusal: 0, harmful: 0 },
      halted: { benign: 0, refusal: 0, harmful: 0 },
      fractions: 0,
    };
    bySource.set(example.source, entry);
    const rows = entry.rows as Record<string, number>;
    const halted = entry.halted as Record<string, number>;
    rows[example.label]!++;
    const result = streamed[i]!;
    if (!result.halted) return;
    halted[example.label]!++;
    if (example.label === "harmful") entry.fractions += result.haltedAt / Math.max(1, example.text.length);
  });
  return [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, e]) => ({
      source,
      rows: e.rows,
      halted: e.halted,
      meanHaltFraction: e.halted.harmful > 0 ? e.fractions / e.halted.harmful : null,
    }));
}
