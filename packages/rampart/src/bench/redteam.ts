/**
 * The red-team runner's speed: attempts per second end to end against the guard (plan, target, judge,
 * store) on one core, and the runner's own cost per attempt against an HTTP target, measured as the
 * time per attempt through the runner minus the time of the same request sent directly.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGuard } from "@rampart/guard";
import { RAMPART_BEHAVIORS } from "../redteam/behaviors/index.js";
import { guardPassJudge } from "../redteam/judges/guard-pass.js";
import { refusalJudge } from "../redteam/judges/refusal.js";
import { planAttempts } from "../redteam/runner/plan.js";
import { runAttempts } from "../redteam/runner/run.js";
import { RunStore } from "../redteam/store/run-store.js";
import { STRATEGIES } from "../redteam/strategies/index.js";
import { guardTarget } from "../redteam/targets/guard-target.js";
import { targetFromSpec } from "../redteam/targets/registry.js";
import { startScriptedUpstream } from "../server/scripted-upstream.js";
import { openStore } from "../store/index.js";
import { describeMachine } from "./machine.js";

export interface RedteamFigures {
  readonly guard: { readonly attempts: number; readonly perSecond: number; readonly perSecondWithoutStore: number };
  readonly http: {
    readonly attempts: number;
    readonly directMs: number;
    readonly runnerMs: number;
    readonly overheadMs: number;
  };
}

export async function measureRedteam(): Promise<RedteamFigures> {
  const attempts = planAttempts(RAMPART_BEHAVIORS, [...STRATEGIES], 1);
  const target = guardTarget(createGuard());
  let started = performance.now();
  await runAttempts(attempts, { target, judge: guardPassJudge, concurrency: 1, timeoutMs: 30_000 });
  const perSecondWithoutStore = attempts.length / ((performance.now() - started) / 1000);

  const directory = await mkdtemp(join(tmpdir(), "rampart-redteam-bench-"));
  const store = await openStore({ directory });
  try {
    const runs = new RunStore(store);
    const run = await runs.open({
      target: "guard",
      seed: 1,
      strategies: STRATEGIES.map((s) => s.id),
      categories: [],
      limit: null,
      judge: guardPassJudge.id,
      publicSets: false,
      conversations: [],
      attacker: null,
    });
    started = performance.now();
    const planned = planAttempts(RAMPART_BEHAVIORS, [...STRATEGIES], 1);
    await runAttempts(planned, {
      target,
      judge: guardPassJudge,
      concurrency: 16,
      timeoutMs: 30_000,
      onResult: (key, result) => runs.saveAttempt(run, key, result),
    });
    const perSecond = planned.length / ((performance.now() - started) / 1000);

    const upstream = await startScriptedUpstream({ pieces: ["I'm sorry, but I can't help with that."] });
    try {
      const sample = planned.slice(0, 300);
      const http = targetFromSpec(`openai:bench@${upstream.url}`, {});
      // Direct and through the runner, alternately and five times each, keeping each side's best:
      // the first passes warm the connection and the JIT, which would otherwise favour whichever ran last.
      let directMs = Number.POSITIVE_INFINITY;
      let runnerMs = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 5; round++) {
        started = performance.now();
        for (const attempt of sample) await http.send([{ role: "user", content: attempt.prompt }]);
        directMs = Math.min(directMs, (performance.now() - started) / sample.length);
        started = performance.now();
        await runAttempts(sample, { target: http, judge: refusalJudge, concurrency: 1, timeoutMs: 30_000 });
        runnerMs = Math.min(runnerMs, (performance.now() - started) / sample.length);
      }
      return {
        guard: { attempts: planned.length, perSecond, perSecondWithoutStore },
        http: { attempts: sample.length, directMs, runnerMs, overheadMs: runnerMs - directMs },
      };
    } finally {
      await upstream.close();
    }
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export function renderRedteam(figures: RedteamFigures): string {
  const m = describeMachine();
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    "## Red-team runner",
    "",
    `Measured by \`npm run bench\` (alone: \`npm run bench:redteam\`) on ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.load}; one process.`,
    "",
    "| | measured | target |",
    "|---|---|---|",
    `| attempts against the guard, end to end (plan, target, judge, each result stored in PGlite), ${n(figures.guard.attempts)} attempts | **${n(figures.guard.perSecond)}/s** | ≥ 2,000/s |`,
    `| the same without storing results | ${n(figures.guard.perSecondWithoutStore)}/s | — |`,
    `| runner's own cost per attempt against a scripted OpenAI-compatible server (best of 5 alternating passes of ${figures.http.attempts} attempts one at a time: runner ${figures.http.runnerMs.toFixed(3)} ms − direct ${figures.http.directMs.toFixed(3)} ms) | **${figures.http.overheadMs.toFixed(3)} ms** | ≤ 1 ms |`,
    "",
  ].join("\n");
}

export async function redteamSection(): Promise<string> {
  return renderRedteam(await measureRedteam());
}
