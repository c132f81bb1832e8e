import { RampartError } from "@rampart/guard";
import type PgBoss from "pg-boss";
import { JUDGES } from "../judges/registry.js";
import type { PlannedAttempt } from "../runner/plan.js";
import type { RunConfig, RunStore } from "../store/run-store.js";
import { parseTargetSpec, type TargetSpec, validateTargetSpec } from "../targets/spec.js";
import { attemptJobId, jobOf, REDTEAM_QUEUE } from "./queue.js";

/** What to put on the queue, and how pg-boss treats each job. */
export interface EnqueueOptions {
  /** A started pg-boss (see `openQueue`). */
  readonly boss: PgBoss;
  /** The results store the workers write to (the same database and schema). */
  readonly store: RunStore;
  readonly config: RunConfig;
  /** The planned attempts (`planAttempts`); those the run already finished are not sent. */
  readonly attempts: readonly PlannedAttempt[];
  /** What the workers attack: a `--target` string or a validated spec (default `config.target`). */
  readonly target?: TargetSpec | string;
  /** Reopen this run (same configuration) instead of starting a new one. */
  readonly resume?: string;
  /**
   * Seconds a worker may hold a batch of jobs before pg-boss takes them back for another worker:
   * how long a killed worker's attempts wait. Longer than a batch takes (default 900).
   */
  readonly expireInSeconds?: number;
  /** Times a job is tried again after a crash or expiry (default 5), with backoff from `retryDelaySeconds` (default 2). */
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
}

/** A run on the queue. */
export interface EnqueuedRun {
  readonly run: string;
  /** The key of every planned attempt: what `waitForRun` waits for. */
  readonly keys: readonly string[];
  /** Attempts sent (or sent again) to the queue. */
  readonly sent: number;
  /** Attempts the run had already finished, not sent. */
  readonly finished: number;
}

const CHUNK = 1000;

/**
 * Records the run (`RunStore.open`) and sends one job per attempt it has not finished to the
 * `rampart-redteam` queue, in batches. Each job's id is derived from run and key, so enqueueing
 * twice (or a coordinator restarted) never doubles an attempt; a job that had failed for good is
 * given another try.
 */
export async function enqueueRun(options: EnqueueOptions): Promise<EnqueuedRun> {
  const { boss, store, config, attempts } = options;
  if (!Object.hasOwn(JUDGES, config.judge)) {
    throw new RampartError(
      "INPUT_INVALID",
      `Unknown judge "${config.judge}"; known: ${Object.keys(JUDGES).join(", ")}.`,
    );
  }
  const target = options.target ?? config.target;
  // Fail here, once, rather than in every worker.
  if (typeof target === "string") parseTargetSpec(target);
  else validateTargetSpec(target);
  const run = await store.open(config, options.resume);
  const done = await store.finishedKeys(run);
  const todo = attempts.filter((attempt) => !done.has(attempt.key));
  const jobOptions = {
    expireInSeconds: options.expireInSeconds ?? 900,
    retryLimit: options.retryLimit ?? 5,
    retryDelay: options.retryDelaySeconds ?? 2,
    retryBackoff: true,
  };
  await boss.createQueue(REDTEAM_QUEUE);
  for (let i = 0; i < todo.length; i += CHUNK) {
    const chunk = todo.slice(i, i + CHUNK);
    await boss.insert(
      chunk.map((attempt) => ({
        id: attemptJobId(run, attempt.key),
        name: REDTEAM_QUEUE,
        // Shown in pg-boss's tables; the id above is what makes a second send a no-op.
        singletonKey: `${run}|${attempt.key}`,
        data: jobOf(run, attempt, target, config.judge),
        ...jobOptions,
      })),
    );
    // Jobs already there that failed for good (retries spent) get another try; others are untouched.
    await boss.retry(
      REDTEAM_QUEUE,
      chunk.map((attempt) => attemptJobId(run, attempt.key)),
    );
  }
  return {
    run,
    keys: attempts.map((attempt) => attempt.key),
    sent: todo.length,
    finished: attempts.length - todo.length,
  };
}
