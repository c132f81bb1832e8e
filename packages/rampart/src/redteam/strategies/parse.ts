import { type Issue, RampartError } from "@rampart/guard";
import type { Strategy } from "../types.js";
import { COMPOSE, compose, MAX_COMPOSITION } from "./compose.js";
import { isStrategyId, STRATEGY_IDS, type StrategyId } from "./registry.js";

/** A strategy list that names unknown strategies or is malformed; `issues` holds every problem found. */
export class StrategyListError extends RampartError {
  readonly issues: readonly Issue[];

  constructor(message: string, issues: readonly Issue[]) {
    super("INPUT_INVALID", message);
    this.name = "StrategyListError";
    this.issues = issues;
  }
}

/**
 * Reads a comma-separated list of strategies, each one id or a composition (`base64∘roleplay`, or `base64+roleplay`),
 * e.g. `"base64∘roleplay,identity"`. Every entry is checked against the registry and all problems
 * are collected; any problem throws a {@link StrategyListError} whose message names the known ids.
 */
export function parseStrategyList(text: string): Strategy[] {
  const issues: Issue[] = [];
  const chains: StrategyId[][] = [];
  const seen = new Set<string>();
  const entries = text.split(",").map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    if (entry === "") {
      issues.push({ code: "empty", path: [index], message: `entry ${index + 1} is empty` });
      return;
    }
    // "+" is accepted for "∘", which few keyboards can type.
    const ids = entry.split(/[∘+]/).map((id) => id.trim());
    const unknown = ids.filter((id) => !isStrategyId(id));
    for (const id of unknown) {
      issues.push({
        code: "unknown_strategy",
        path: [index],
        message: id === "" ? `"${entry}" has an empty part` : `unknown strategy "${id}"`,
      });
    }
    if (ids.length > MAX_COMPOSITION) {
      issues.push({
        code: "too_deep",
        path: [index],
        message: `"${entry}" chains ${ids.length} strategies; at most ${MAX_COMPOSITION} may be composed`,
      });
    }
    const id = ids.join(COMPOSE);
    if (seen.has(id)) issues.push({ code: "duplicate", path: [index], message: `"${id}" is listed twice` });
    seen.add(id);
    if (unknown.length === 0) chains.push(ids.filter(isStrategyId));
  });
  if (issues.length > 0) {
    const problems = issues.map((issue) => issue.message).join("; ");
    throw new StrategyListError(
      `Invalid strategy list "${text}": ${problems}. Known strategies: ${STRATEGY_IDS.join(", ")}; compose them with ${COMPOSE} (e.g. base64${COMPOSE}roleplay).`,
      issues,
    );
  }
  return chains.map(compose);
}
