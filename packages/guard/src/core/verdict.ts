import type { Category } from "./category.js";
import type { Signal } from "./signal.js";

export const ACTIONS = ["allow", "flag", "redact", "block", "halt"] as const;
export type Action = (typeof ACTIONS)[number];

/** Severity order used when several rules apply: the strongest wins. */
export const ACTION_RANK: Readonly<Record<Action, number>> = {
  allow: 0,
  flag: 1,
  redact: 2,
  block: 3,
  halt: 4,
};

export interface Verdict {
  readonly action: Action;
  /** Overall risk 0..1: the strongest signal after policy weighting. */
  readonly risk: number;
  readonly categories: readonly Category[];
  readonly signals: readonly Signal[];
  /** Wall time spent producing this verdict, in microseconds. */
  readonly micros: number;
}
