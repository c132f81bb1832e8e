import { guardPassJudge } from "./guard-pass.js";
import { harmfulOutputJudge } from "./harmful-output.js";
import { refusalJudge } from "./refusal.js";

/** Every judge, in one list. */
export const JUDGES = {
  [guardPassJudge.id]: guardPassJudge,
  [refusalJudge.id]: refusalJudge,
  [harmfulOutputJudge.id]: harmfulOutputJudge,
} as const;
export type JudgeId = keyof typeof JUDGES;
