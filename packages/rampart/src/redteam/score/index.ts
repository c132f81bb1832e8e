export { type DiffOptions, type DiffScope, diffRuns, type RateChange, type RunDiff } from "./diff.js";
export { type AttemptResult, BASELINE_STRATEGY, type ControlResult } from "./results.js";
export {
  type OverRefusal,
  overRefusal,
  type Rate,
  type RiskSummary,
  rate,
  type ScoreOptions,
  scoreRun,
  severityScore,
  type Uplift,
} from "./risk.js";
export {
  type Counts,
  type Difference,
  type Interval,
  newcombe,
  normalQuantile,
  significantlyHigher,
  wilson,
  Z95,
} from "./wilson.js";
