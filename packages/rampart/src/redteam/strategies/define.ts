import type { Strategy } from "../types.js";

/** The technique tags a strategy may declare: a small checked list, so reports group attacks the same way. */
export const STRATEGY_TAGS = [
  "jailbreak",
  "obfuscation",
  "prompt-injection",
  "multi-turn-escalation",
  "refusal-suppression",
] as const;

/** One of {@link STRATEGY_TAGS}. */
export type StrategyTag = (typeof STRATEGY_TAGS)[number];

/** A registered strategy: the shared {@link Strategy} shape with a literal id and checked tags. */
export interface StrategyDefinition<Id extends string = string> extends Strategy {
  readonly id: Id;
  readonly tags: readonly StrategyTag[];
}

/**
 * Declares one strategy: id, description, tags and `apply` together in one object. `apply` must be
 * pure, draw any randomness from `context.random` only, never throw, and stay linear in the input.
 */
export function defineStrategy<const Id extends string>(strategy: StrategyDefinition<Id>): StrategyDefinition<Id> {
  return strategy;
}
