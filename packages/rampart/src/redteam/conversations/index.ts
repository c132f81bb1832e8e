export {
  type AdaptiveOptions,
  type AdaptiveOutcome,
  type AdaptiveRound,
  attackerPrompt,
  attemptFrom,
  DEFAULT_MAX_ROUNDS,
  runAdaptive,
} from "./adaptive.js";
export { type CrescendoOptions, type CrescendoOutcome, crescendoPlan, runCrescendo, soften } from "./crescendo.js";
export { type ConversationOutcomes, type ConversationStrategyId, toAttemptResult } from "./result.js";
export { type ConversationRunOptions, runConversationAttacks } from "./run.js";
