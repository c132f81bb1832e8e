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

/** A seeded uniform source (mulberry32), so "random" test runs repeat exactly. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
