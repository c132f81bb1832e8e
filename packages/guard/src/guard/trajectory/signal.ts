import type { Signal, Span } from "../../core/signal.js";
import type { CategoryRule, TrajectorySettings } from "../policy/policy.js";
import type { Crossing } from "./accumulate.js";

export const TRAJECTORY_ID = "trajectory";

/**
 * The escalation finding. Its score is the category's threshold for the configured action, so the
 * policy turns it into exactly that action; when the rules have no such threshold, the score is 1
 * and the rules give their strongest action. `spanOf` gives a turn's whole text in this request,
 * or nothing for a turn that came in an earlier one.
 */
export function trajectorySignal(
  crossing: Crossing,
  settings: TrajectorySettings,
  rules: readonly CategoryRule[],
  spanOf: (turn: number) => Span | undefined,
): Signal {
  const spans: Span[] = [];
  for (const { turn } of crossing.contributors) {
    const span = spanOf(turn);
    if (span !== undefined) spans.push(span);
  }
  const risks = crossing.contributors.map(({ turn, risk }) => `turn ${turn + 1} ${risk.toFixed(2)}`).join(", ");
  return {
    detector: TRAJECTORY_ID,
    category: "multi-turn-escalation",
    score: actionThreshold(rules, settings.action) ?? 1,
    spans,
    reason:
      `conversation risk ${crossing.total.toFixed(2)} ≥ threshold ${settings.threshold} at turn ${crossing.turn + 1} ` +
      `(each turn's risk added to the previous total × decay ${settings.decay}): ${risks}`,
  };
}

function actionThreshold(rules: readonly CategoryRule[], action: TrajectorySettings["action"]): number | undefined {
  let lowest: number | undefined;
  for (const rule of rules) {
    if (rule.action === action && (lowest === undefined || rule.threshold < lowest)) lowest = rule.threshold;
  }
  return lowest;
}
