import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../store/index.js";
import { dropSchema, POSTGRES_SUITE, randomSchema, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { RAMPART_BEHAVIORS } from "../behaviors/index.js";
import { planAttempts } from "../runner/plan.js";
import { type RunConfig, RunStore } from "../store/run-store.js";
import { compose, STRATEGIES, STRATEGY_IDS } from "../strategies/index.js";
import { enqueueRun } from "./enqueue.js";
import { openQueue, REDTEAM_QUEUE } from "./queue.js";
import { waitForRun } from "./wait.js";
import { runWorker } from "./worker.js";
import { DIST_BUILT, keysDone, startWorker, until } from "./worker-process.testing.js";

const TITLE = !DIST_BUILT ? `${POSTGRES_SUITE} (skipped: run npm run build first)` : POSTGRES_SUITE;
// 167 behaviors × (20 strategies + 11 compositions with roleplay) = 5,177 distinct attempts.
const strategies = [
  ...STRATEGIES,
  ...STRATEGY_IDS.filter((id) => id !== "identity" && id !== "roleplay")
    .slice(0, 11)
    .map((id) => compose([id, "roleplay"])),
];
const KILL_AFTER = 600;
const config = (target: string, judge: string): RunConfig => ({
  target,
  seed: 7,
  strategies: strategies.map((s) => s.id),
  categories: [],
  limit: null,
  judge,
  publicSets: false,
  conversations: [],
  attacker: null,
});

describe.skipIf(!TEST_DATABASE_URL || !DIST_BUILT)(`distributed red team: ${TITLE}`, () => {
  const schema = randomSchema();
  const queueSchema = randomSchema();
  let store: Store;
  let boss: PgBoss;
  let dir: string;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: TEST_DATABASE_URL!, schema });
    boss = await openQueue({ databaseUrl: TEST_DATABASE_URL!, schema: queueSchema, onError: () => {} });
    dir = await mkdtemp(join(tmpdir(), "rampart-workers-"));
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await store?.close();
    await dropSchema(schema);
    await dropSchema(queueSchema);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it("two workers split 5,000+ attempts, one killed mid-run: none lost, none counted twice", {
    timeout: 90_000,
  }, async () => {
    const runs = new RunStore(store);
    const attempts = planAttempts(RAMPART_BEHAVIORS, strategies, 7);
    expect(attempts.length).toBeGreaterThanOrEqual(5000);
    const options = { boss, store: runs, config: config("guard", "guard-pass"), attempts, expireInSeconds: 3 };
    const { run, keys } = await enqueueRun({ ...options, retryDelaySeconds: 1 });
    // Enqueueing the same run again sends nothing new.
    await enqueueRun({ ...options, resume: run });
    expect(await boss.getQueueSize(REDTEAM_QUEUE)).toBe(attempts.length);

    const started = Date.now();
    const survivor = startWorker(TEST_DATABASE_URL!, schema, queueSchema, join(dir, "survivor"));
    const victim = startWorker(TEST_DATABASE_URL!, schema, queueSchema, join(dir, "victim"), KILL_AFTER);
    try {
      // Frozen mid-batch after KILL_AFTER attempts, holding its jobs: kill -9 it there.
      await until(async () => (await keysDone(victim.done)).length >= KILL_AFTER, 30_000);
      victim.process.kill("SIGKILL");
      await victim.exited;
      const victimDone = await keysDone(victim.done);
      await waitForRun({ store: runs, run, expected: keys, timeoutMs: 45_000, intervalMs: 100 });
      // The victim's jobs come back once they expire (3 s), even those whose attempts it stored.
      await until(async () => (await boss.getQueueSize(REDTEAM_QUEUE, { before: "completed" })) === 0, 20_000);
      const seconds = (Date.now() - started) / 1000;
      survivor.process.kill("SIGTERM");
      const summary = await survivor.exited;
      const survivorDone = await keysDone(survivor.done);

      const [row] = await store.query<{ rows: number; keys: number }>(
        "SELECT count(*)::int AS rows, count(DISTINCT key)::int AS keys FROM redteam_attempts WHERE run = $1",
        [run],
      );
      expect(row).toEqual({ rows: keys.length, keys: keys.length });
      expect(await runs.finishedKeys(run)).toEqual(new Set(keys));
      // Side channel: how many times each attempt was judged and stored, by either worker.
      const times = new Map<string, number>();
      for (const key of [...victimDone, ...survivorDone]) times.set(key, (times.get(key) ?? 0) + 1);
      const redone = [...times].filter(([, n]) => n > 1).map(([key]) => key);
      // Stored, but the victim was killed before it could report it: at most its batch in hand.
      const unreported = keys.filter((key) => !times.has(key));
      // A retried job whose attempt is stored is skipped; only one judged but not yet stored when
      // the victim died is done again: at most its batch in hand (2 × concurrency 8), once more.
      expect(redone.length + unreported.length).toBeLessThanOrEqual(16);
      expect(Math.max(...times.values())).toBeLessThanOrEqual(2);
      expect(summary?.attempts).toBe(survivorDone.length);
      expect(survivorDone.length).toBeGreaterThan(keys.length * 0.2);
      // Nothing failed for good.
      const [jobs] = await store.query<{ failed: number; retried: number }>(
        `SELECT count(*) FILTER (WHERE state = 'failed')::int AS failed,
                count(*) FILTER (WHERE retry_count > 0)::int AS retried
           FROM "${queueSchema}".job WHERE name = $1`,
        [REDTEAM_QUEUE],
      );
      expect(jobs?.failed).toBe(0);
      // The victim's batch in hand expired and was handed to the survivor.
      expect(jobs?.retried).toBeGreaterThan(0);
      expect(jobs?.retried).toBeLessThanOrEqual(16);
      console.info(
        `distributed: ${keys.length} attempts in ${seconds.toFixed(1)} s; victim (killed) ${victimDone.length}, survivor ${survivorDone.length} (${jobs?.retried} jobs taken back from the victim, ${summary?.skipped} of them already stored); stored twice ${redone.length}, unreported ${unreported.length}`,
      );
    } finally {
      for (const { process: child } of [survivor, victim]) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    }
  });

  it("a target that fails is an attempt with outcome error, and its job completes", async () => {
    const runs = new RunStore(store);
    const attempts = planAttempts(RAMPART_BEHAVIORS.slice(0, 3), STRATEGIES.slice(0, 2), 1);
    // Nothing listens on port 9: the connection is refused at once, with no retries.
    const target = {
      kind: "openai",
      model: "m",
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 0,
      timeoutMs: 2000,
    } as const;
    const { run, keys } = await enqueueRun({
      boss,
      store: runs,
      config: config("openai:m", "harmful-output"),
      attempts,
      target,
    });
    const stop = new AbortController();
    const worker = runWorker({
      databaseUrl: TEST_DATABASE_URL!,
      schema,
      queueSchema,
      concurrency: 2,
      env: {},
      signal: stop.signal,
    });
    try {
      await waitForRun({ store: runs, run, expected: keys, timeoutMs: 20_000, intervalMs: 100 });
    } finally {
      stop.abort();
    }
    expect((await worker).attempts).toBe(keys.length);
    const results = await runs.attempts(run);
    expect(results.map((r) => r.outcome)).toEqual(keys.map(() => "error"));
    expect(results[0]?.error).toMatch(/127\.0\.0\.1|fetch|connect/i);
    expect(await boss.getQueueSize(REDTEAM_QUEUE, { before: "completed" })).toBe(0);
  });
});
