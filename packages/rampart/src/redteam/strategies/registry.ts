import { base64 } from "./base64.js";
import { danPersona } from "./dan-persona.js";
import type { StrategyDefinition } from "./define.js";
import { fakeSystem } from "./fake-system.js";
import { hex } from "./hex.js";
import { homoglyphs } from "./homoglyphs.js";
import { hypothetical } from "./hypothetical.js";
import { identity } from "./identity.js";
import { indirectInjection } from "./indirect-injection.js";
import { invisible } from "./invisible.js";
import { languageSwitch } from "./language-switch.js";
import { leetspeak } from "./leetspeak.js";
import { manyShot } from "./many-shot.js";
import { morse } from "./morse.js";
import { payloadSplit } from "./payload-split.js";
import { prefixInjection } from "./prefix-injection.js";
import { refusalSuppression } from "./refusal-suppression.js";
import { reversed } from "./reversed.js";
import { roleplay } from "./roleplay.js";
import { rot13 } from "./rot13.js";
import { tagCharacters } from "./tag-characters.js";

/** Every single-turn strategy, identity (the baseline) first. Add a strategy here and nowhere else. */
export const STRATEGIES = [
  identity,
  base64,
  rot13,
  hex,
  leetspeak,
  homoglyphs,
  invisible,
  tagCharacters,
  reversed,
  morse,
  roleplay,
  danPersona,
  refusalSuppression,
  prefixInjection,
  payloadSplit,
  fakeSystem,
  manyShot,
  hypothetical,
  languageSwitch,
  indirectInjection,
] as const satisfies readonly StrategyDefinition[];

/** The id of a registered strategy. */
export type StrategyId = (typeof STRATEGIES)[number]["id"];

const BY_ID: ReadonlyMap<string, StrategyDefinition<StrategyId>> = new Map(STRATEGIES.map((s) => [s.id, s]));

/** Every registered id, in registry order. */
export const STRATEGY_IDS: readonly StrategyId[] = STRATEGIES.map((s) => s.id);

/** Whether `id` names a registered strategy. */
export function isStrategyId(id: string): id is StrategyId {
  return BY_ID.has(id);
}

/** The registered strategy with this id. */
export function strategyById(id: StrategyId): StrategyDefinition<StrategyId> {
  return BY_ID.get(id)!;
}
