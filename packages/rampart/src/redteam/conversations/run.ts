import { mulberry32 } from "../../train/seeded-random.js";
import type { Judge } from "../judges/define.js";
import type { AttemptResult } from "../score/results.js";
import type { Behavior, Target } from "../types.js";
import { runAdaptive } from "./adaptive.js";
import { crescendoPlan, runCrescendo } from "./crescendo.js";
import { type ConversationStrategyId, toAttemptResult } from "./result.js";

/** What `runConversationAttacks` needs. */
export interface ConversationRunOptions {
  readonly target: Target;
  /** The attacker model; the adaptive loop runs only when one is given. */
  readonly attacker?: Target;
  /** Run Crescendo conversations (default true). */
  readonly crescendo?: boolean;
  readonly judge: Judge;
  /** The run's seed: the same seed gives the same Crescendo plans. */
  readonly seed: number;
  /** Rounds of the adaptive loop (default 5). */
  readonly maxRounds?: number;
  /** Conversations in flight at once (default 1). */
  readonly concurrency?: number;
  /** Keys already finished (a resumed run): skipped. */
  readonly done?: ReadonlySet<string>;
  /** Called after each conversation is judged, with a key like `behavior-id|crescendo`. */
  readonly onResult?: (key: string, result: AttemptResult) => void | Promise<void>;
}

/**
 * Attacks each behavior with a Crescendo conversation and, when an attacker model is configured,
 * the adaptive loop; returns one attempt result per conversation.
 */
export async function runConversationAttacks(
  behaviors: readonly Behavior[],
  options: ConversationRunOptions,
): Promise<AttemptResult[]> {
  const strategies: ConversationStrategyId[] = [
    ...(options.crescendo === false ? [] : (["crescendo"] as const)),
    ...(options.attacker === undefined ? [] : (["adaptive"] as const)),
  ];
  const jobs = behaviors
    .flatMap((behavior) => strategies.map((strategy) => ({ behavior, strategy, key: `${behavior.id}|${strategy}` })))
    .filter((job) => !options.done?.has(job.key));
  const results: AttemptResult[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { behavior, strategy, key } = jobs[index]!;
      const result = await runOne(behavior, strategy, key, options);
      results[index] = result;
      await options.onResult?.(key, result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, jobs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function runOne(
  behavior: Behavior,
  strategy: ConversationStrategyId,
  key: string,
  options: ConversationRunOptions,
): Promise<AttemptResult> {
  const { target, judge, attacker } = options;
  if (strategy === "adaptive" && attacker !== undefined) {
    const outcome = await runAdaptive({ target, attacker, judge, behavior, maxRounds: options.maxRounds });
    return toAttemptResult(behavior, "adaptive", outcome);
  }
  const turns = crescendoPlan(behavior, mulberry32(options.seed ^ hash(key)));
  return toAttemptResult(behavior, "crescendo", await runCrescendo({ target, judge, behavior, turns }));
}

/** 32-bit FNV-1a: each conversation's own random stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
