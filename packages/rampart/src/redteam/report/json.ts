import { z } from "zod";
import type { RiskSummary } from "../score/risk.js";
import { HAZARDS, type Hazard } from "../types.js";

/**
 * The JSON report: the CLI's `--json` object `{score, asr: {overall: {rate, low, high, …}, byCategory,
 * byStrategy}, overRefusal, attempts, report}`, plus the baseline, uplift and errors, so that a saved
 * report holds the whole {@link RiskSummary} and `redteam diff` can compare two of them.
 */
export interface JsonReport extends RiskSummary {
  /** Path of the HTML report, when one was written. */
  readonly report?: string;
}

/** Builds the JSON report, keys in the CLI contract's order; `report` is the HTML file's path. */
export function jsonReport(summary: RiskSummary, options: { readonly report?: string } = {}): JsonReport {
  return {
    score: summary.score,
    asr: summary.asr,
    overRefusal: summary.overRefusal,
    attempts: summary.attempts,
    ...(options.report === undefined ? {} : { report: options.report }),
    baseline: summary.baseline,
    uplift: summary.uplift,
    errors: summary.errors,
  };
}

const probability = z.number().min(0).max(1);
const count = z.number().int().min(0);
const rate = z.object({ rate: probability, low: probability, high: probability, successes: count, trials: count });
const difference = z.number().min(-1).max(1);

/** The schema a saved JSON report must satisfy (extra keys are allowed and dropped). */
export const jsonReportSchema = z.object({
  score: z.number().min(0).max(100),
  asr: z.object({
    overall: rate,
    byCategory: z.record(z.string(), rate).refine((categories) => HAZARDS.every((hazard) => hazard in categories), {
      message: `byCategory must hold every hazard: ${HAZARDS.join(", ")}`,
    }),
    byStrategy: z.record(z.string(), rate),
  }),
  overRefusal: z.object({
    rate: probability,
    low: probability,
    high: probability,
    refused: count,
    total: count,
    errors: count,
  }),
  attempts: count,
  report: z.string().optional(),
  baseline: rate,
  uplift: z.record(
    z.string(),
    z.object({ delta: difference, low: difference, high: difference, significant: z.boolean() }),
  ),
  errors: z.object({ count, byStrategy: z.record(z.string(), count) }),
});

/**
 * Reads a saved JSON report back (e.g. `JSON.parse` of the file) into a {@link JsonReport}, for
 * `redteam diff`. Throws an Error naming the first field at fault when it is not a report.
 */
export function parseJsonReport(value: unknown): JsonReport {
  const parsed = jsonReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length === 0 ? "(root)" : issue.path.join(".");
    throw new Error(`not a red-team JSON report: ${where}: ${issue.message}`);
  }
  const { asr, ...rest } = parsed.data;
  return { ...rest, asr: { ...asr, byCategory: asr.byCategory as Record<Hazard, z.infer<typeof rate>> } };
}
