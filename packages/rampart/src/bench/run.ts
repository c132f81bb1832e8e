import { ACTION_RANK, type Action, type Guard, type Message } from "@rampart/guard";
import type { LabelledRow } from "./dataset.js";
import { type Latency, latency, type Quality, quality, qualityBy } from "./metrics.js";

/** Whether a detector calls an input an attack. Async for peers whose public API is a promise. */
export type Check = (text: string, messages?: readonly Message[]) => boolean | Promise<boolean>;

/** The guard as a yes/no detector: detected when the verdict is `at` or stronger. */
export function guardCheck(guard: Guard, at: Action): Check {
  const rank = ACTION_RANK[at];
  return (text, messages) => ACTION_RANK[guard.check(messages ?? text).action] >= rank;
}

export interface Measured {
  readonly detected: readonly boolean[];
  /** Time inside each check, nanoseconds, in row order. */
  readonly nanos: readonly number[];
}

export interface MeasureOptions {
  /**
   * Rows checked before timing starts, so lazy loading and JIT compilation are not counted. They are
   * spread evenly over the input, so every source's code paths (long jailbreaks, decoders, other
   * scripts) are compiled, not only those of the first file.
   */
  readonly warmup?: number;
  readonly onProgress?: (done: number) => void;
}

export async function measure(
  check: Check,
  rows: readonly LabelledRow[],
  options: MeasureOptions = {},
): Promise<Measured> {
  const warmup = Math.min(options.warmup ?? 1000, rows.length);
  const stride = warmup === 0 ? 1 : rows.length / warmup;
  for (let i = 0; i < warmup; i++) {
    const row = rows[Math.floor(i * stride)]!;
    await check(row.text, row.messages);
  }
  const detected: boolean[] = [];
  const nanos: number[] = [];
  for (const [index, row] of rows.entries()) {
    const started = process.hrtime.bigint();
    const result = check(row.text, row.messages);
    const hit = typeof result === "boolean" ? result : await result;
    nanos.push(Number(process.hrtime.bigint() - started));
    detected.push(hit);
    if ((index + 1) % 256 === 0) options.onProgress?.(index + 1);
  }
  options.onProgress?.(rows.length);
  return { detected, nanos };
}

/** The shape `rampart bench --json` prints. */
export interface BenchSummary {
  readonly overall: Quality;
  readonly bySource: Record<string, Quality>;
  readonly byKind: Record<string, Quality>;
  readonly latency: Latency;
}

export function summarise(rows: readonly LabelledRow[], measured: Measured): BenchSummary {
  const outcomes = rows.map((row, i) => ({ row, attack: row.label === "attack", detected: measured.detected[i]! }));
  return {
    overall: quality(outcomes),
    bySource: qualityBy(outcomes, (o) => o.row.source),
    byKind: qualityBy(outcomes, (o) => o.row.kind),
    latency: latency(measured.nanos),
  };
}
