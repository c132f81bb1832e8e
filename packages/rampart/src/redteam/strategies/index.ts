export { COMPOSE, compose, MAX_COMPOSITION } from "./compose.js";
export { defineStrategy, STRATEGY_TAGS, type StrategyDefinition, type StrategyTag } from "./define.js";
export { parseStrategyList, StrategyListError } from "./parse.js";
export { isStrategyId, STRATEGIES, STRATEGY_IDS, type StrategyId, strategyById } from "./registry.js";
