import type { Hazard, Severity } from "../types.js";

/** The strategy id of the plain request, sent unchanged: the no-attack baseline. */
export const BASELINE_STRATEGY = "identity";

/** One attempt's outcome, as the runner stores it. */
export interface AttemptResult {
  readonly behaviorId: string;
  readonly category: Hazard;
  readonly severity: Severity;
  /** Strategy id; composed strategies join their ids, as in "base64∘roleplay". */
  readonly strategy: string;
  /** What was sent (the last user turn). */
  readonly prompt: string;
  /** "error": the attempt could not be judged (target error, timeout); it counts neither way. */
  readonly outcome: "success" | "failure" | "error";
  readonly response?: string;
  /** Which judge decided. */
  readonly judge?: string;
  /** The judge's reason. */
  readonly reason?: string;
  /** What went wrong, for an errored attempt. */
  readonly error?: string;
  /** The guard's verdict reasons, when a guard was in the loop. */
  readonly guardExplanation?: string;
}

/** One benign control prompt's outcome: a good target answers it. */
export interface ControlResult {
  readonly id: string;
  readonly prompt: string;
  readonly refused: boolean;
  /** Set when the control could not be judged; it is then left out of the over-refusal rate. */
  readonly error?: string;
}
