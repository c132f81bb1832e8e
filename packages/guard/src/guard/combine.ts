import type { Category } from "../core/category.js";
import type { Signal } from "../core/signal.js";
import { ACTION_RANK, type Action } from "../core/verdict.js";
import type { Policy } from "./policy/policy.js";

export interface Decision {
  readonly action: Action;
  readonly risk: number;
  readonly categories: Category[];
}

/**
 * Signals of one category combine as independent evidence (noisy-OR), so two weak tells together
 * count for more than either alone; the verdict takes the strongest action any category earns.
 */
export function decide(signals: readonly Signal[], policy: Policy): Decision {
  const scores = new Map<Category, number>();
  for (const signal of signals) {
    const previous = scores.get(signal.category) ?? 0;
    scores.set(signal.category, 1 - (1 - previous) * (1 - signal.score));
  }
  let action: Action = "allow";
  let risk = 0;
  const categories: Category[] = [];
  for (const [category, score] of scores) {
    risk = Math.max(risk, score);
    const rules = policy.categories[category] ?? policy.defaultRules;
    let earned: Action = "allow";
    for (const rule of rules) {
      if (score >= rule.threshold && ACTION_RANK[rule.action] > ACTION_RANK[earned]) earned = rule.action;
    }
    if (earned !== "allow") categories.push(category);
    if (ACTION_RANK[earned] > ACTION_RANK[action]) action = earned;
  }
  categories.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
  return { action, risk: Math.round(risk * 1000) / 1000, categories };
}
