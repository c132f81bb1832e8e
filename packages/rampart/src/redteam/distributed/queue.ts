import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { PlannedAttempt } from "../runner/plan.js";
import type { TargetSpec } from "../targets/spec.js";
import type { Hazard, Severity } from "../types.js";

/** The pg-boss queue every distributed red-team attempt goes through. */
export const REDTEAM_QUEUE = "rampart-redteam";

/** pg-boss's own schema when none is named: its tables never mix with the store's. */
export const DEFAULT_QUEUE_SCHEMA = "pgboss";

/** One attempt as a job: everything a worker needs to make and judge it, without the planner. */
export interface AttemptJob {
  readonly run: string;
  readonly key: string;
  readonly behaviorId: string;
  readonly category: Hazard;
  readonly severity: Severity;
  readonly strategy: string;
  /** The request already rewritten by the strategy (seeded at planning time). */
  readonly prompt: string;
  /** The `--target` string or a validated spec; API keys are read from the worker's environment. */
  readonly target: TargetSpec | string;
  /** An id in `JUDGES`. */
  readonly judge: string;
}

/** Where the queue lives and how pg-boss behaves there. */
export interface QueueOptions {
  readonly databaseUrl: string;
  /** pg-boss's schema, created on first use (default {@link DEFAULT_QUEUE_SCHEMA}). */
  readonly schema?: string;
  /**
   * Whether this instance returns expired jobs (those of a killed worker) to the queue, every
   * `maintenanceIntervalSeconds`; one instance per database does it at a time. Workers do; a
   * coordinator that only enqueues need not.
   */
  readonly supervise?: boolean;
  readonly maintenanceIntervalSeconds?: number;
  /** Connections in pg-boss's pool (default 4). */
  readonly maxConnections?: number;
  /** Called with pg-boss's background errors (lost connections, failed maintenance). */
  readonly onError: (error: Error) => void;
}

/**
 * Starts pg-boss on the queue's database (installing its schema when missing) with the red-team
 * queue created. Cron scheduling is off: the queue needs none. Stop it with `boss.stop()`.
 */
export async function openQueue(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema ?? DEFAULT_QUEUE_SCHEMA,
    application_name: "rampart-redteam",
    max: options.maxConnections ?? 4,
    schedule: false,
    supervise: options.supervise ?? false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  // An EventEmitter "error" with no listener would end the process.
  boss.on("error", options.onError);
  await boss.start();
  await boss.createQueue(REDTEAM_QUEUE);
  return boss;
}

/**
 * The job id of one attempt of one run: a UUID derived from both, so sending the same attempt
 * twice hits pg-boss's primary key and inserts nothing (its insert is ON CONFLICT DO NOTHING).
 */
export function attemptJobId(run: string, key: string): string {
  const h = createHash("sha256").update(`${run}|${key}`).digest("hex");
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The job of one planned attempt of a run. */
export function jobOf(run: string, attempt: PlannedAttempt, target: TargetSpec | string, judge: string): AttemptJob {
  return {
    run,
    key: attempt.key,
    behaviorId: attempt.behavior.id,
    category: attempt.behavior.category,
    severity: attempt.behavior.severity,
    strategy: attempt.strategy.id,
    prompt: attempt.prompt,
    target,
    judge,
  };
}

/** The job as the local runner's input: only the ids, category, severity and prompt are read. */
export function attemptOf(job: AttemptJob): PlannedAttempt {
  return {
    key: job.key,
    prompt: job.prompt,
    behavior: { id: job.behaviorId, goal: job.prompt, category: job.category, severity: job.severity, source: "queue" },
    strategy: { id: job.strategy, description: job.strategy, tags: [], apply: () => job.prompt },
  };
}
