import { mulberry32 } from "../../train/seeded-random.js";
import type { Behavior, Strategy } from "../types.js";

/** One attempt to make: a behavior attacked with a strategy, and the request it sends. */
export interface PlannedAttempt {
  /** Stable across runs: what a resumed run skips when it is already done. */
  readonly key: string;
  readonly behavior: Behavior;
  readonly strategy: Strategy;
  readonly prompt: string;
}

/**
 * Every behavior × strategy pair, in a seeded order, cut to `limit`: the same seed gives the same
 * attempts and the same prompts, so two runs (or two releases) are compared on equal terms.
 */
export function planAttempts(
  behaviors: readonly Behavior[],
  strategies: readonly Strategy[],
  seed: number,
  limit = Number.POSITIVE_INFINITY,
): PlannedAttempt[] {
  const pairs = behaviors.flatMap((behavior) => strategies.map((strategy) => ({ behavior, strategy })));
  const order = mulberry32(seed);
  // Fisher–Yates with the run's generator: a limit then samples every category and strategy fairly.
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(order() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  return pairs.slice(0, Math.min(limit, pairs.length)).map(({ behavior, strategy }) => {
    const key = `${behavior.id}|${strategy.id}`;
    return { key, behavior, strategy, prompt: strategy.apply(behavior.goal, { random: mulberry32(seed ^ hash(key)) }) };
  });
}

/** A 32-bit FNV-1a hash: each attempt's own random stream, independent of the order attempts run in. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
