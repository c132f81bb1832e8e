import { randomUUID } from "node:crypto";
import { RampartError } from "@rampart/guard";
import canonicalize from "canonicalize";
import { GroupCommit } from "../../store/group-commit.js";
import type { Store } from "../../store/index.js";
import type { AttemptResult, ControlResult } from "../score/index.js";
import type { Hazard, Severity } from "../types.js";

/** What a run was asked to do: a resumed run must be asked the same, or its results would mix two runs. */
export interface RunConfig {
  readonly target: string;
  readonly seed: number;
  readonly strategies: readonly string[];
  readonly categories: readonly string[];
  readonly limit: number | null;
  readonly judge: string;
  readonly publicSets: boolean;
  /** Multi-turn attacks run besides the single-turn strategies: "crescendo", "adaptive". */
  readonly conversations: readonly string[];
  /** The attacker model of the adaptive loop, when there is one. */
  readonly attacker: string | null;
}

interface AttemptRow {
  key: string;
  behavior_id: string;
  category: string;
  severity: number;
  strategy: string;
  prompt: string;
  outcome: AttemptResult["outcome"];
  response: string | null;
  judge: string | null;
  reason: string | null;
  error: string | null;
  guard_explanation: string | null;
}

/** A run's results in the common store: written attempt by attempt, read back to resume or report. */
export class RunStore {
  private readonly writes = new GroupCommit(
    (batch: readonly { run: string; key: string; result: AttemptResult }[]) => this.insert(batch),
    500,
  );

  constructor(private readonly store: Store) {}

  /** Starts a run, or reopens `id` when it was started with the same configuration. */
  async open(config: RunConfig, id?: string): Promise<string> {
    if (id === undefined) {
      const created = randomUUID();
      await this.store.query("INSERT INTO redteam_runs (id, target, seed, config) VALUES ($1, $2, $3, $4::jsonb)", [
        created,
        config.target,
        config.seed,
        canonicalize(config),
      ]);
      return created;
    }
    const [row] = await this.store.query<{ config: RunConfig }>("SELECT config FROM redteam_runs WHERE id = $1", [id]);
    if (row === undefined) throw new RampartError("NOT_FOUND", `No red-team run ${id} in this store.`);
    if (canonicalize(row.config) !== canonicalize(config)) {
      throw new RampartError(
        "CONFLICT",
        `Run ${id} was started with ${canonicalize(row.config)}; resume it with the same options, or start a new run.`,
      );
    }
    return id;
  }

  /** The keys of attempts already judged in a run: a resumed run skips them. */
  async finishedKeys(run: string): Promise<Set<string>> {
    const rows = await this.store.query<{ key: string }>("SELECT key FROM redteam_attempts WHERE run = $1", [run]);
    return new Set(rows.map((row) => row.key));
  }

  /**
   * Stores one judged attempt, once it is durable; storing it twice keeps the first (a retried write
   * never doubles a count). Results arriving together share one multi-row insert.
   */
  saveAttempt(run: string, key: string, result: AttemptResult): Promise<void> {
    return this.writes.submit({ run, key, result });
  }

  private async insert(batch: readonly { run: string; key: string; result: AttemptResult }[]): Promise<undefined[]> {
    const rows = batch.map(({ run, key, result }) => ({
      run,
      key: wellFormed(key),
      behavior_id: wellFormed(result.behaviorId),
      category: result.category,
      severity: result.severity,
      strategy: wellFormed(result.strategy),
      prompt: wellFormed(result.prompt),
      outcome: result.outcome,
      response: nullable(result.response),
      judge: nullable(result.judge),
      reason: nullable(result.reason),
      error: nullable(result.error),
      guard_explanation: nullable(result.guardExplanation),
    }));
    await this.store.query(
      `INSERT INTO redteam_attempts (run, key, behavior_id, category, severity, strategy, prompt, outcome, response,
                                     judge, reason, error, guard_explanation)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(run uuid, key text, behavior_id text, category text,
         severity smallint, strategy text, prompt text, outcome text, response text, judge text, reason text,
         error text, guard_explanation text)
       ON CONFLICT (run, key) DO NOTHING`,
      [JSON.stringify(rows)],
    );
    return batch.map(() => undefined);
  }

  async saveControls(run: string, controls: readonly ControlResult[]): Promise<void> {
    for (const control of controls) {
      await this.store.query(
        "INSERT INTO redteam_controls (run, id, prompt, refused, error) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (run, id) DO NOTHING",
        [run, control.id, control.prompt, control.refused, control.error ?? null],
      );
    }
  }

  /** Every stored attempt of a run, in key order. */
  async attempts(run: string): Promise<AttemptResult[]> {
    const rows = await this.store.query<AttemptRow>("SELECT * FROM redteam_attempts WHERE run = $1 ORDER BY key", [
      run,
    ]);
    return rows.map((row) => ({
      behaviorId: row.behavior_id,
      category: row.category as Hazard,
      severity: row.severity as Severity,
      strategy: row.strategy,
      prompt: row.prompt,
      outcome: row.outcome,
      ...(row.response === null ? {} : { response: row.response }),
      ...(row.judge === null ? {} : { judge: row.judge }),
      ...(row.reason === null ? {} : { reason: row.reason }),
      ...(row.error === null ? {} : { error: row.error }),
      ...(row.guard_explanation === null ? {} : { guardExplanation: row.guard_explanation }),
    }));
  }

  async controls(run: string): Promise<ControlResult[]> {
    const rows = await this.store.query<{ id: string; prompt: string; refused: boolean; error: string | null }>(
      "SELECT id, prompt, refused, error FROM redteam_controls WHERE run = $1 ORDER BY id",
      [run],
    );
    return rows.map((row) => ({
      id: row.id,
      prompt: row.prompt,
      refused: row.refused,
      ...(row.error === null ? {} : { error: row.error }),
    }));
  }
}

/**
 * Text with any lone UTF-16 surrogate replaced by U+FFFD: a target's reply or an excerpt cut inside a
 * surrogate pair would otherwise make the whole batch's JSON unacceptable to PostgreSQL.
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function nullable(text: string | undefined): string | null {
  return text === undefined ? null : wellFormed(text);
}
