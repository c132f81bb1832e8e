import { type Guard, RampartError } from "@rampart/guard";
import canonicalize from "canonicalize";
import type PgBoss from "pg-boss";
import { openStore, type Store } from "../../store/index.js";
import type { Judge } from "../judges/define.js";
import { JUDGES } from "../judges/registry.js";
import { runAttempts } from "../runner/run.js";
import type { AttemptResult } from "../score/index.js";
import { RunStore } from "../store/run-store.js";
import type { Env } from "../targets/env.js";
import { targetFromSpec } from "../targets/registry.js";
import type { TargetSpec } from "../targets/spec.js";
import type { Target } from "../types.js";
import { type AttemptJob, attemptOf, openQueue, REDTEAM_QUEUE } from "./queue.js";

/** How a worker connects, and how much it takes on at once. */
export interface WorkerOptions {
  /** The PostgreSQL server holding both the queue and the results. */
  readonly databaseUrl: string;
  /** The results store's schema (default public, as `RAMPART_DATABASE_SCHEMA` in the CLI). */
  readonly schema?: string;
  /** pg-boss's schema (default pgboss); every worker and the coordinator must name the same. */
  readonly queueSchema?: string;
  /** Attempts in flight at once in this worker. */
  readonly concurrency: number;
  /** Jobs taken from the queue at a time (default 2 × concurrency); all must finish before their jobs expire. */
  readonly batchSize?: number;
  /** Where targets read API keys (`process.env` at the CLI). */
  readonly env: Env;
  /** Aborting it stops the worker: the batch in hand is finished, then the connections close. */
  readonly signal: AbortSignal;
  /** The guard of `guard` and `guarded:` targets (the embedded default when left out). */
  readonly guard?: Guard;
  /** Longest wait for one reply; past it the attempt is an error (default 30 s, as the local runner). */
  readonly timeoutMs?: number;
  /** Seconds between looks at an empty queue (default 1, at least 0.5). */
  readonly pollingIntervalSeconds?: number;
  /** How often expired jobs (a killed worker's) are put back, by one worker per database (default 30). */
  readonly maintenanceIntervalSeconds?: number;
  /** Called after each attempt this worker judged and stored (progress, tests). */
  readonly onAttempt?: (run: string, key: string, result: AttemptResult) => void;
  /** Called with queue and batch errors; the batch's jobs are retried by pg-boss (default: stderr). */
  readonly onError?: (error: Error) => void;
}

/** What one worker did before it stopped. */
export interface WorkerSummary {
  /** Attempts sent, judged and stored by this worker. */
  attempts: number;
  /** Retried jobs whose attempt was already stored (by a worker that died before completing the job). */
  skipped: number;
}

/**
 * Processes attempts from the `rampart-redteam` queue until `signal` aborts. Per job: builds the
 * target (once per spec) and judge, sends the prompt, judges the reply and stores the result with
 * `RunStore.saveAttempt`, then pg-boss completes the job. A target that fails is an attempt with
 * outcome "error", not a failed job. A worker killed mid-batch leaves its jobs active; once they
 * expire, pg-boss hands them to another worker, which skips those already stored, and the store
 * keeps the first result of any attempt saved twice: no attempt counts twice, none is lost.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { attempts: 0, skipped: 0 };
  if (options.signal.aborted) return summary;
  const onError =
    options.onError ?? ((error: Error) => process.stderr.write(`rampart redteam worker: ${error.message}\n`));
  const batchSize = options.batchSize ?? Math.max(1, options.concurrency * 2);
  const store = await openStore({ databaseUrl: options.databaseUrl, ...schemaOf(options.schema) });
  try {
    const boss = await openQueue({
      databaseUrl: options.databaseUrl,
      ...schemaOf(options.queueSchema),
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
      onError,
    });
    try {
      const processBatch = batchProcessor(store, options, summary);
      let workerId: string | undefined;
      workerId = await boss.work<AttemptJob>(
        REDTEAM_QUEUE,
        { batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, includeMetadata: true },
        async (jobs) => {
          try {
            await processBatch(jobs);
          } catch (error) {
            onError(error instanceof Error ? error : new Error(String(error)));
            throw error;
          }
          // A full batch means more are waiting: fetch again now, not after the polling interval.
          if (workerId !== undefined && jobs.length === batchSize) boss.notifyWorker(workerId);
        },
      );
      await aborted(options.signal);
    } finally {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    }
  } finally {
    await store.close();
  }
  return summary;
}

function batchProcessor(store: Store, options: WorkerOptions, summary: WorkerSummary) {
  const runs = new RunStore(store);
  const targets = new Map<string, Target>();
  const targetFor = (spec: TargetSpec | string): Target => {
    const id = typeof spec === "string" ? spec : (canonicalize(spec) ?? "");
    let target = targets.get(id);
    if (target === undefined) {
      target = targetFromSpec(spec, options.env, options.guard === undefined ? {} : { guard: options.guard });
      targets.set(id, target);
    }
    return target;
  };
  return async (jobs: readonly PgBoss.JobWithMetadata<AttemptJob>[]): Promise<void> => {
    // A job fetched again (after its worker died, or a failed batch) may be stored already.
    const stored = await storedKeys(
      store,
      jobs.filter((job) => job.retryCount > 0).map((job) => job.data),
    );
    const groups = new Map<string, AttemptJob[]>();
    for (const { data } of jobs) {
      if (stored.has(`${data.run}|${data.key}`)) {
        summary.skipped++;
        continue;
      }
      const group = `${data.run}\n${data.judge}\n${canonicalize(data.target)}`;
      groups.set(group, [...(groups.get(group) ?? []), data]);
    }
    for (const group of groups.values()) {
      const { run, target, judge } = group[0]!;
      await runAttempts(group.map(attemptOf), {
        target: targetFor(target),
        judge: judgeFor(judge),
        concurrency: options.concurrency,
        timeoutMs: options.timeoutMs ?? 30_000,
        onResult: async (key, result) => {
          await runs.saveAttempt(run, key, result);
          summary.attempts++;
          options.onAttempt?.(run, key, result);
        },
      });
    }
  };
}

/** `run|key` of each of these attempts already in redteam_attempts (RunStore reads whole runs only). */
async function storedKeys(store: Store, jobs: readonly AttemptJob[]): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const rows = await store.query<{ run: string; key: string }>(
    `SELECT a.run::text AS run, a.key FROM redteam_attempts a
       JOIN jsonb_to_recordset($1::jsonb) AS x(run uuid, key text) ON a.run = x.run AND a.key = x.key`,
    [JSON.stringify(jobs.map(({ run, key }) => ({ run, key })))],
  );
  return new Set(rows.map((row) => `${row.run}|${row.key}`));
}

function judgeFor(id: string): Judge {
  if (!Object.hasOwn(JUDGES, id)) {
    throw new RampartError(
      "INPUT_INVALID",
      `Unknown judge "${id}"; this worker knows ${Object.keys(JUDGES).join(", ")}.`,
    );
  }
  return JUDGES[id as keyof typeof JUDGES];
}

function schemaOf(schema: string | undefined): { schema?: string } {
  return schema === undefined ? {} : { schema };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
