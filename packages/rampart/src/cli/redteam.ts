import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { RampartError } from "@rampart/guard";
import { type Command, InvalidArgumentError, Option } from "commander";
import { guardSubject } from "../bench/provenance.js";
import { readInput } from "../io/read-input.js";
import { importBehaviors, importControls, RAMPART_BEHAVIORS, RAMPART_CONTROLS } from "../redteam/behaviors/index.js";
import { parseRedteamConfig } from "../redteam/config.js";
import { runConversationAttacks } from "../redteam/conversations/index.js";
import { enqueueRun, openQueue, runWorker, waitForRun } from "../redteam/distributed/index.js";
import { modelJudge } from "../redteam/judges/model-judge.js";
import { JUDGES, type JudgeId } from "../redteam/judges/registry.js";
import { jsonReport, parseJsonReport, renderHtmlReport } from "../redteam/report/index.js";
import { suiteOf, targetSubject } from "../redteam/report/provenance.js";
import { type PlannedAttempt, planAttempts } from "../redteam/runner/plan.js";
import { runAttempts, runControls } from "../redteam/runner/run.js";
import { diffRuns, type RiskSummary, type RunDiff, scoreRun } from "../redteam/score/index.js";
import { type RunConfig, RunStore } from "../redteam/store/run-store.js";
import { parseStrategyList, STRATEGIES } from "../redteam/strategies/index.js";
import { guardTarget } from "../redteam/targets/guard-target.js";
import { targetFromSpec } from "../redteam/targets/registry.js";
import { HAZARDS, type Hazard, type Strategy } from "../redteam/types.js";
import { type CommandContext, EXIT } from "./command.js";
import { type GuardFlags, guardFrom, withGuardOptions } from "./guard-options.js";
import { type CliIo, progressBar, writeLine } from "./io.js";
import { registerRender } from "./redteam-render.js";
import { untilSignal } from "./signals.js";
import { openStoreFrom, type StoreFlags, withStoreOptions } from "./store-options.js";

/** The flags as Commander gives them: the run's choices may still come from --config. */
type GivenFlags = Omit<RedteamFlags, "target" | "seed" | "concurrency" | "maxRounds" | "targetSettings"> &
  Partial<Pick<RedteamFlags, "target" | "seed" | "concurrency" | "maxRounds">> & { readonly config?: string };

/** Flags over the --config file's redteam section over the defaults. */
async function withConfig(given: GivenFlags): Promise<RedteamFlags> {
  const config =
    given.config === undefined
      ? {}
      : parseRedteamConfig((await readInput(given.config, "configuration")).toString("utf8"), given.config);
  if (config.judge !== undefined && !(config.judge in JUDGES)) {
    throw new RampartError(
      "INPUT_INVALID",
      `${given.config}: redteam.judge: unknown ${config.judge}; known: ${Object.keys(JUDGES).join(", ")}`,
    );
  }
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return {
    target: "guard",
    seed: 1,
    concurrency: 8,
    maxRounds: 5,
    ...config,
    ...(config.strategies === undefined ? {} : { strategies: config.strategies.join(",") }),
    ...(config.categories === undefined ? {} : { categories: config.categories.join(",") }),
    ...(config.judge === undefined ? {} : { judge: config.judge as JudgeId }),
    ...defined,
  } as RedteamFlags;
}

interface RedteamFlags extends GuardFlags, StoreFlags {
  readonly targetSettings?: Readonly<Record<string, unknown>>;
  readonly target: string;
  readonly judgeModel?: string;
  readonly attacker?: string;
  readonly maxRounds: number;
  readonly distributed?: boolean;
  readonly budget?: number;
  readonly tokenBudget?: number;
  readonly judge?: JudgeId;
  readonly resume?: string;
  readonly strategies?: string;
  readonly categories?: string;
  readonly limit?: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly withPublicSets?: boolean;
  readonly out: string;
  readonly failAbove?: number;
  readonly json?: boolean;
}

export function registerRedteam(program: Command, context: CommandContext): void {
  const redteamCommand = program.command("redteam");
  const command = redteamCommand
    .description(
      "attack a target with harmful behaviors × attack strategies, judge each reply, score the risk with 95% intervals, and write JSON and HTML reports; with no options, the embedded guard, offline",
    )
    .option(
      "--strategies <list>",
      `comma-separated strategy ids, composed with ∘ (e.g. base64∘roleplay); default all ${STRATEGIES.length}`,
    )
    .option("--categories <list>", `hazards to include; default all: ${HAZARDS.join(", ")}`)
    .option(
      "--target <spec>",
      "guard | guarded:<target> | openai:<model>[@<baseUrl>] | anthropic:<model>[@<baseUrl>]; keys from OPENAI_API_KEY / ANTHROPIC_API_KEY",
    )
    .addOption(
      new Option(
        "--judge <id>",
        "who decides success (default: guard-pass for the guard, harmful-output for a model)",
      ).choices(Object.keys(JUDGES)),
    )
    .option("--limit <n>", "at most this many attempts, sampled with the seed", positive)
    .option("--seed <n>", "the run's seed: same seed, same attempts (default 1)", integer)
    .option("--concurrency <n>", "attempts in flight at once (default 8)", positive)
    .option(
      "--with-public-sets",
      "also attack with the behavior sets in ../shared/data (HarmBench, JailbreakBench, AdvBench, StrongREJECT)",
    )
    .option("--out <dir>", "where report.json and report.html go", ".rampart/redteam")
    .option("--fail-above <score>", "exit 1 when the risk score is above this (a CI gate)", score)
    .option(
      "--json",
      "print one JSON object: {score, asr: {overall, byCategory, byStrategy}, overRefusal, attempts, report}",
    )
    .option(
      "--attacker <spec>",
      "attacker model for the adaptive (PAIR-style) loop, same forms as --target; the loop runs only when set",
    )
    .option("--max-rounds <n>", "rounds of the adaptive attacker loop (default 5)", positive)
    .option(
      "--config <file>",
      "rampart.yaml: its redteam section sets anything not given as a flag (and an http target's body)",
    )
    .option("--judge-model <spec>", "grade replies with this model and a StrongREJECT-style rubric (overrides --judge)")
    .option("--budget <attempts>", "make at most this many attempts now; the rest stay for --resume", positive)
    .option(
      "--token-budget <tokens>",
      "stop starting attempts past this many tokens (estimated, 4 characters each)",
      positive,
    )
    .option(
      "--distributed",
      "put the attempts on the PostgreSQL job queue for `rampart redteam worker` processes and wait for them",
    )
    .option("--resume <run-id>", "finish a run that was interrupted: attempts already judged are not redone");
  withGuardOptions(withStoreOptions(command)).action(async (given: GivenFlags) => {
    context.exitCode = await redteam(await withConfig(given), context.io);
  });
  registerRender(redteamCommand, context);
  withGuardOptions(
    redteamCommand
      .command("worker")
      .description(
        "do red-team attempts from the PostgreSQL job queue (pg-boss) until Ctrl-C: workers on several machines share one run, no attempt done twice",
      )
      .option("--database <url>", "PostgreSQL URL holding the queue and the results (default $DATABASE_URL)")
      .option("--concurrency <n>", "attempts in flight at once", positive, 8)
      .option("--queue-schema <name>", "pg-boss's schema, the same for every worker and the coordinator", "pgboss"),
  ).action(async (flags: GuardFlags & { database?: string; concurrency: number; queueSchema: string }) => {
    const databaseUrl = flags.database || context.io.env.DATABASE_URL;
    if (!databaseUrl) {
      throw new RampartError(
        "INPUT_INVALID",
        "rampart redteam worker needs PostgreSQL: --database <url> or DATABASE_URL.",
      );
    }
    const stop = new AbortController();
    void untilSignal().then(() => stop.abort());
    const schema = context.io.env.RAMPART_DATABASE_SCHEMA;
    const summary = await runWorker({
      databaseUrl,
      ...(schema ? { schema } : {}),
      queueSchema: flags.queueSchema,
      concurrency: flags.concurrency,
      env: context.io.env,
      signal: stop.signal,
      guard: await guardFrom(flags),
      onError: (error) => void writeLine(context.io.stderr, `rampart redteam worker: ${error.message}`),
    });
    await writeLine(
      context.io.stderr,
      `rampart redteam worker: stopped after ${summary.attempts} attempts (${summary.skipped} already stored by another worker)`,
    );
    context.exitCode = EXIT.ok;
  });
  redteamCommand
    .command("diff")
    .description("compare two runs' report.json: exit 1 when B is significantly worse than A anywhere")
    .argument("<a>", "the earlier run's report.json")
    .argument("<b>", "the later run's report.json")
    .option("--json", "print the diff as one JSON object")
    .action(async (a: string, b: string, flags: { json?: boolean }) => {
      const diff = diffRuns(await reportAt(a), await reportAt(b));
      await writeLine(context.io.stdout, flags.json ? JSON.stringify(diff) : diffText(diff));
      context.exitCode = diff.regressions.length > 0 ? EXIT.found : EXIT.ok;
    });
}

async function reportAt(file: string) {
  const text = (await readInput(file, "red-team report")).toString("utf8");
  try {
    return parseJsonReport(JSON.parse(text));
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `${file}: ${(cause as Error).message}`, { cause });
  }
}

function diffText(diff: RunDiff): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const change = (c: RunDiff["regressions"][number]) =>
    `  ${c.scope} ${c.key}: ${pct(c.a.rate)} -> ${pct(c.b.rate)} (${c.b.successes}/${c.b.trials}; difference ${pct(c.delta)}, 95% [${pct(c.low)}, ${pct(c.high)}])`;
  return [
    `risk score ${diff.score.a.toFixed(1)} -> ${diff.score.b.toFixed(1)}`,
    diff.regressions.length === 0 ? "no significant regression" : `${diff.regressions.length} significant regressions:`,
    ...diff.regressions.map(change),
    ...(diff.improvements.length === 0
      ? []
      : [`${diff.improvements.length} significant improvements:`, ...diff.improvements.map(change)]),
  ].join("\n");
}

async function redteam(flags: RedteamFlags, io: CliIo): Promise<number> {
  const categories = categoriesOf(flags.categories);
  const { single, conversations } = strategiesOf(flags);
  const dataDir = io.env.RAMPART_DATA_DIR ?? join("..", "shared", "data");
  const imported = flags.withPublicSets ? await importBehaviors(dataDir) : { behaviors: [], issues: [] };
  for (const issue of imported.issues) await writeLine(io.stderr, `rampart redteam: ${issue.message}`);
  const behaviors = [...RAMPART_BEHAVIORS, ...imported.behaviors].filter((b) => categories.includes(b.category));
  const controls = flags.withPublicSets
    ? [...RAMPART_CONTROLS, ...(await importControls(dataDir)).controls]
    : RAMPART_CONTROLS;
  const guard = await guardFrom(flags);
  const target =
    flags.target === "guard"
      ? guardTarget(guard)
      : targetFromSpec(flags.target, io.env, {
          guard,
          ...(flags.targetSettings === undefined ? {} : { settings: flags.targetSettings }),
        });
  const judge =
    flags.judgeModel === undefined
      ? JUDGES[flags.judge ?? (flags.target === "guard" ? "guard-pass" : "harmful-output")]
      : modelJudge(targetFromSpec(flags.judgeModel, io.env, { guard }));
  const attacker = flags.attacker === undefined ? undefined : targetFromSpec(flags.attacker, io.env);
  const config: RunConfig = {
    target: target.id,
    seed: flags.seed,
    strategies: single.map((s) => s.id),
    conversations,
    attacker: flags.attacker ?? null,
    categories,
    limit: flags.limit ?? null,
    judge: judge.id,
    publicSets: flags.withPublicSets === true,
  };
  const store = await openStoreFrom(flags, io);
  try {
    const runs = new RunStore(store);
    const run = await runs.open(config, flags.resume);
    const done = await runs.finishedKeys(run);
    const planned = planAttempts(behaviors, single, flags.seed, flags.limit);
    const attempts = planned.filter((a) => !done.has(a.key)).slice(0, flags.budget ?? Number.POSITIVE_INFINITY);
    const startedAt = new Date();
    const progress = progressBar(io, attempts.length, "attempts");
    if (flags.distributed) {
      await distribute({ flags, io, runs, run, config, attempts, onDone: (n) => progress.increment(n) });
    } else {
      await runAttempts(attempts, {
        target,
        judge,
        concurrency: flags.concurrency,
        timeoutMs: 30_000,
        ...(flags.tokenBudget === undefined ? {} : { tokenBudget: flags.tokenBudget }),
        onResult: async (key, result) => {
          await runs.saveAttempt(run, key, result);
          progress.increment(1);
        },
      });
    }
    progress.stop();
    // Conversations attack the behaviors the plan sampled, so --limit bounds them too.
    const sampled = new Set(planned.map((a) => a.behavior.id));
    await runConversationAttacks(
      behaviors.filter((b) => sampled.has(b.id)),
      {
        target,
        ...(attacker === undefined || !conversations.includes("adaptive") ? {} : { attacker }),
        crescendo: conversations.includes("crescendo"),
        judge,
        seed: flags.seed,
        maxRounds: flags.maxRounds,
        concurrency: flags.concurrency,
        done,
        onResult: (key, result) => runs.saveAttempt(run, key, result),
      },
    );
    if ((await runs.controls(run)).length === 0) {
      await runs.saveControls(
        run,
        await runControls(controls, { target, concurrency: flags.concurrency, timeoutMs: 30_000 }),
      );
    }
    const results = await runs.attempts(run);
    const summary = scoreRun(results, await runs.controls(run));
    const out = join(flags.out, run);
    await mkdir(out, { recursive: true });
    const reportPath = join(out, "report.html");
    const finishedAt = new Date();
    const html = renderHtmlReport({
      summary,
      results,
      target: target.id,
      seed: flags.seed,
      startedAt,
      finishedAt,
      toolVersion: VERSION,
    });
    await writeFile(reportPath, html);
    // Subject and suite by content, so `rampart attest report.json` needs no flags.
    const subject = flags.target === "guard" ? await guardSubject(guard, flags) : targetSubject(target.id);
    const saved = {
      run,
      ...jsonReport(summary),
      subject,
      suite: suiteOf(behaviors, single, flags.seed, flags.limit ?? null),
      seed: flags.seed,
      target: target.id,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      toolVersion: VERSION,
      results,
    };
    await writeFile(join(out, "report.json"), `${JSON.stringify(saved, null, 2)}\n`);
    await writeLine(
      io.stdout,
      flags.json
        ? JSON.stringify({ ...contract(summary), run, report: reportPath })
        : text(summary, target.id, run, reportPath),
    );
    return flags.failAbove !== undefined && summary.score > flags.failAbove ? EXIT.found : EXIT.ok;
  } finally {
    await store.close();
  }
}

/** The CLI's JSON contract: the issue names these fields. */
function contract(summary: RiskSummary) {
  return { score: summary.score, asr: summary.asr, overRefusal: summary.overRefusal, attempts: summary.attempts };
}

function text(summary: RiskSummary, target: string, run: string, report: string): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const { overall, byCategory } = summary.asr;
  return [
    `risk score ${summary.score.toFixed(1)} / 100 for ${target} (${summary.attempts} attempts, run ${run})`,
    `attack success ${pct(overall.rate)} [95% ${pct(overall.low)}–${pct(overall.high)}]; over-refusal on benign controls ${pct(summary.overRefusal.rate)}`,
    "",
    ...Object.entries(byCategory).map(
      ([category, r]) =>
        `  ${category.padEnd(26)} ${pct(r.rate).padStart(6)}  [${pct(r.low)}–${pct(r.high)}]  ${r.successes}/${r.trials}`,
    ),
    "",
    `report: ${report}`,
  ].join("\n");
}

/** Hands the attempts to `rampart redteam worker` processes through the job queue, and waits for them all. */
async function distribute(job: {
  flags: RedteamFlags;
  io: CliIo;
  runs: RunStore;
  run: string;
  config: RunConfig;
  attempts: readonly PlannedAttempt[];
  onDone: (count: number) => void;
}): Promise<void> {
  const databaseUrl = job.flags.database || job.io.env.DATABASE_URL;
  if (!databaseUrl)
    throw new RampartError("INPUT_INVALID", "--distributed needs PostgreSQL: --database <url> or DATABASE_URL.");
  const boss = await openQueue({
    databaseUrl,
    onError: (error) => void writeLine(job.io.stderr, `rampart redteam: ${error.message}`),
  });
  try {
    const queued = await enqueueRun({
      boss,
      store: job.runs,
      config: job.config,
      attempts: job.attempts,
      target: job.flags.target,
      resume: job.run,
    });
    let seen = 0;
    await waitForRun({
      store: job.runs,
      run: job.run,
      expected: queued.keys,
      timeoutMs: 24 * 3_600_000,
      onProgress: (finished) => {
        job.onDone(finished - seen);
        seen = finished;
      },
    });
  } finally {
    await boss.stop();
  }
}

/** The multi-turn attacks, named in --strategies like the rest but run by their own loop. */
const CONVERSATIONS = ["crescendo", "adaptive"] as const;

/**
 * Single-turn strategies and multi-turn attacks from --strategies. By default: every single-turn
 * strategy, Crescendo, and the adaptive loop when an attacker model is set.
 */
function strategiesOf(flags: RedteamFlags): { single: Strategy[]; conversations: string[] } {
  if (flags.strategies === undefined) {
    return {
      single: [...STRATEGIES],
      conversations: flags.attacker === undefined ? ["crescendo"] : [...CONVERSATIONS],
    };
  }
  const entries = flags.strategies.split(",").map((entry) => entry.trim());
  const conversations = entries.filter((entry) => (CONVERSATIONS as readonly string[]).includes(entry));
  if (conversations.includes("adaptive") && flags.attacker === undefined) {
    throw new RampartError("INPUT_INVALID", "--strategies adaptive needs an attacker model: --attacker SPEC.");
  }
  const rest = entries.filter((entry) => !conversations.includes(entry)).join(",");
  return { single: rest === "" ? [] : parseStrategyList(rest), conversations };
}

function categoriesOf(list: string | undefined): Hazard[] {
  if (list === undefined) return [...HAZARDS];
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(HAZARDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new RampartError(
      "INPUT_INVALID",
      `--categories: unknown ${unknown.join(", ")}; known: ${HAZARDS.join(", ")}`,
    );
  }
  return names as Hazard[];
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError("expected an integer");
  return n;
}

function positive(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

function score(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 100)) throw new InvalidArgumentError("expected a score from 0 to 100");
  return n;
}

const VERSION: string = createRequire(import.meta.url)("../../package.json").version;
