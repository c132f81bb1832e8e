import { mulberry32 } from "../../train/seeded-random.js";
import type { Hazard, Severity } from "../types.js";
import type { AttemptResult } from "./results.js";

/** An attempt with defaults, for tests. */
export function attempt(
  behaviorId: string,
  strategy: string,
  outcome: AttemptResult["outcome"],
  extra: Partial<AttemptResult> = {},
): AttemptResult {
  return {
    behaviorId,
    category: "fraud-scams",
    severity: 3,
    strategy,
    prompt: `prompt for ${behaviorId}`,
    outcome,
    ...(outcome === "error" ? { error: "timeout" } : { response: "reply", judge: "refusal", reason: "no refusal" }),
    ...extra,
  };
}

/** A block of attempts: `successes` of `trials` succeed, on distinct behaviors named after the cell. */
export interface Cell {
  readonly category: Hazard;
  readonly strategy: string;
  readonly successes: number;
  readonly trials: number;
  readonly errors?: number;
  readonly severity?: Severity;
}

/** Attempts realising the given cells' counts exactly. */
export function cells(spec: readonly Cell[]): AttemptResult[] {
  const results: AttemptResult[] = [];
  for (const { category, strategy, successes, trials, errors = 0, severity = 3 } of spec) {
    for (let i = 0; i < trials + errors; i++) {
      const outcome = i < successes ? "success" : i < trials ? "failure" : "error";
      results.push(attempt(`${category}-${i}`, strategy, outcome, { category, severity }));
    }
  }
  return results;
}

/** A seeded uniform source, so "random" test runs repeat exactly. */
export const seeded = mulberry32;
