import { RampartError } from "@rampart/guard";
import type { Strategy } from "../types.js";
import type { StrategyTag } from "./define.js";
import { type StrategyId, strategyById } from "./registry.js";

/** The composition operator in ids: `a∘b` is a applied to b's output. */
export const COMPOSE = "∘";

/** The most strategies one composition may chain: each layer multiplies the text's length. */
export const MAX_COMPOSITION = 4;

/**
 * The strategies `ids` chained as functions compose: `compose(["base64", "roleplay"])` has id
 * `base64∘roleplay` and applies roleplay first, then base64 to its output. One id gives that
 * strategy itself. Throws `INPUT_INVALID` for an empty list or more than {@link MAX_COMPOSITION}.
 */
export function compose(ids: readonly StrategyId[]): Strategy {
  if (ids.length === 0) throw new RampartError("INPUT_INVALID", "compose needs at least one strategy id.");
  if (ids.length > MAX_COMPOSITION) {
    throw new RampartError(
      "INPUT_INVALID",
      `"${ids.join(COMPOSE)}" chains ${ids.length} strategies; at most ${MAX_COMPOSITION} may be composed.`,
    );
  }
  const parts = ids.map(strategyById);
  if (parts.length === 1) return parts[0]!;
  const innerFirst = [...parts].reverse();
  const tags = [...new Set<StrategyTag>(parts.flatMap((s) => s.tags))];
  return {
    id: ids.join(COMPOSE),
    description: `${parts.map((s) => s.id).join(" applied to ")}: ${innerFirst.map((s) => s.description).join(" Then: ")}`,
    tags,
    apply: (request, context) => innerFirst.reduce((text, strategy) => strategy.apply(text, context), request),
  };
}
