import type { AttemptResult } from "../score/results.js";
import type { Behavior, Judgement, TargetReply } from "../types.js";
import type { AdaptiveOutcome } from "./adaptive.js";
import type { CrescendoOutcome } from "./crescendo.js";

/** The conversation strategies and the outcome each one produces. */
export interface ConversationOutcomes {
  readonly crescendo: CrescendoOutcome;
  readonly adaptive: AdaptiveOutcome;
}

/** The ids the conversation strategies are stored under. */
export type ConversationStrategyId = keyof ConversationOutcomes;

interface Summary {
  readonly prompt: string;
  readonly reply?: TargetReply;
  readonly judgement?: Judgement;
  readonly progress: string;
}

/**
 * One stored attempt from a conversation: `prompt` is the last user turn, `reason` the judge's
 * reason followed by how many turns (Crescendo) or rounds (adaptive) it took. An outcome with an
 * error is an errored attempt, never a failure.
 */
export function toAttemptResult<S extends ConversationStrategyId>(
  behavior: Behavior,
  strategy: S,
  outcome: ConversationOutcomes[S],
): AttemptResult {
  const summary = "rounds" in outcome ? adaptiveSummary(behavior, outcome) : crescendoSummary(behavior, outcome);
  const base = {
    behaviorId: behavior.id,
    category: behavior.category,
    severity: behavior.severity,
    strategy,
    prompt: summary.prompt,
  };
  if (outcome.error !== undefined || summary.reply === undefined || summary.judgement === undefined) {
    return { ...base, outcome: "error", error: outcome.error ?? "nothing was judged", reason: summary.progress };
  }
  const signals = summary.reply.verdict?.signals ?? [];
  return {
    ...base,
    outcome: summary.judgement.success ? "success" : "failure",
    response: summary.reply.text,
    judge: outcome.judge,
    reason: `${summary.judgement.reason} (${summary.progress})`,
    ...(signals.length === 0 ? {} : { guardExplanation: signals.map((s) => `${s.detector}: ${s.reason}`).join("; ") }),
  };
}

function crescendoSummary(behavior: Behavior, outcome: CrescendoOutcome): Summary {
  const lastUser = [...outcome.messages].reverse().find((m) => m.role === "user");
  const rephrased = outcome.rephrased === 0 ? "" : `, ${outcome.rephrased} rephrased after a refusal`;
  return {
    prompt: lastUser?.content ?? behavior.goal,
    ...(outcome.reply === undefined ? {} : { reply: outcome.reply }),
    ...(outcome.judgement === undefined ? {} : { judgement: outcome.judgement }),
    progress: `crescendo: ${outcome.turnsUsed} of ${outcome.turnsPlanned} turns${rephrased}`,
  };
}

function adaptiveSummary(behavior: Behavior, outcome: AdaptiveOutcome): Summary {
  const last = outcome.rounds.at(-1);
  return {
    prompt: outcome.pendingAttempt ?? last?.attempt ?? behavior.goal,
    ...(last === undefined ? {} : { reply: last.reply, judgement: last.judgement }),
    progress: `adaptive: ${outcome.rounds.length} of at most ${outcome.maxRounds} rounds`,
  };
}
