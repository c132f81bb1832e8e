import type { Message } from "@rampart/guard";
import type { Judgement, TargetReply } from "../types.js";

/** What a judge sees: the conversation that was sent and what came back. */
export interface JudgeInput {
  readonly messages: readonly Message[];
  readonly reply: TargetReply;
}

/** Decides whether one attempt succeeded; every judgement carries its reason. */
export interface Judge {
  readonly id: string;
  readonly description: string;
  /** Some judges ask a model, so a judgement may arrive later. */
  judge(input: JudgeInput): Judgement | Promise<Judgement>;
}

/** Declares a judge: one object holding its id, description and decision together. */
export function defineJudge<const T extends Judge>(judge: T): T {
  return judge;
}
