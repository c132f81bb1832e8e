import type { Message } from "@rampart/guard";
import type { Judge } from "../judges/define.js";
import { refusalIn } from "../judges/refusal-phrases.js";
import type { AttemptResult, ControlResult } from "../score/index.js";
import type { ControlPrompt, Target, TargetReply } from "../types.js";
import type { PlannedAttempt } from "./plan.js";

export interface RunOptions {
  readonly target: Target;
  readonly judge: Judge;
  /** Attempts in flight at once. */
  readonly concurrency: number;
  /** Longest wait for one reply; an attempt past it is an error, never a failure. */
  readonly timeoutMs: number;
  /**
   * Stop starting attempts once this many tokens were spent, estimated as characters / 4 of what
   * was sent and received (targets do not all report usage). Attempts not started stay undone, so a
   * stored run resumes from there.
   */
  readonly tokenBudget?: number;
  /** Called after each attempt is judged (progress bars, stores). */
  readonly onResult?: (key: string, result: AttemptResult) => void | Promise<void>;
}

/**
 * Sends each planned attempt to the target and judges the reply, `concurrency` at a time. A target
 * that fails or times out makes that attempt an error: reported apart, counted neither way.
 */
export async function runAttempts(attempts: readonly PlannedAttempt[], options: RunOptions): Promise<AttemptResult[]> {
  const results: AttemptResult[] = [];
  let tokens = 0;
  await pool(attempts.length, options.concurrency, async (i) => {
    if (options.tokenBudget !== undefined && tokens >= options.tokenBudget) return;
    const attempt = attempts[i]!;
    const messages: Message[] = [{ role: "user", content: attempt.prompt }];
    const base = {
      behaviorId: attempt.behavior.id,
      category: attempt.behavior.category,
      severity: attempt.behavior.severity,
      strategy: attempt.strategy.id,
      prompt: attempt.prompt,
    };
    let result: AttemptResult;
    try {
      const reply = await withTimeout(options.target.send(messages), options.timeoutMs);
      tokens += Math.ceil((attempt.prompt.length + reply.text.length) / CHARS_PER_TOKEN);
      const judgement = await options.judge.judge({ messages, reply });
      result = {
        ...base,
        outcome: judgement.success ? "success" : "failure",
        response: reply.text,
        judge: options.judge.id,
        reason: judgement.reason,
        ...explanation(reply),
      };
    } catch (error) {
      result = { ...base, outcome: "error", error: error instanceof Error ? error.message : String(error) };
    }
    results.push(result);
    await options.onResult?.(attempt.key, result);
  });
  return results;
}

/** Sends each benign control; a refusal (or a block) of a benign prompt is over-refusal. */
export async function runControls(
  controls: readonly ControlPrompt[],
  options: Pick<RunOptions, "target" | "concurrency" | "timeoutMs">,
): Promise<ControlResult[]> {
  const results: ControlResult[] = new Array(controls.length);
  await pool(controls.length, options.concurrency, async (i) => {
    const control = controls[i]!;
    try {
      const reply = await withTimeout(
        options.target.send([{ role: "user", content: control.prompt }]),
        options.timeoutMs,
      );
      results[i] = {
        id: control.id,
        prompt: control.prompt,
        refused: reply.blocked || refusalIn(reply.text) !== undefined,
      };
    } catch (error) {
      results[i] = { id: control.id, prompt: control.prompt, refused: false, error: (error as Error).message };
    }
  });
  return results;
}

/** A rough token count for budgets: English text averages about four characters per token. */
const CHARS_PER_TOKEN = 4;

function explanation(reply: TargetReply): { guardExplanation?: string } {
  const signals = reply.verdict?.signals ?? [];
  if (signals.length === 0) return {};
  return { guardExplanation: signals.map((s) => `${s.detector}: ${s.reason}`).join("; ") };
}

async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
