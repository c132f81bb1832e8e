import type { Category, Technique } from "../../core/category.js";
import type { Signal } from "../../core/signal.js";
import type { CategoryRule, Policy } from "../policy/policy.js";
import type { View } from "../views/view.js";
import { explain } from "./attribution.js";
import { FeatureBuffer } from "./features.js";
import type { ClassifierModel, ClassName, OperatingPoints } from "./model.js";
import { bufferLogits, softmax } from "./score.js";

export const CLASSIFIER_ID = "classifier";

/** The canonical view and what decoding revealed; past this many views the rest are left to the heuristics. */
const MAX_VIEWS = 8;

const TECHNIQUE_OF: Readonly<Record<Exclude<ClassName, "benign" | "harmful">, Technique>> = {
  jailbreak: "jailbreak",
  injection: "prompt-injection",
};

export interface Classification {
  /** 1 - P(benign), calibrated. */
  readonly attack: number;
  readonly probabilities: Float64Array;
  readonly view: View;
  /** The view's features; reused scratch, valid until the next classification. */
  readonly features: FeatureBuffer;
}

/** Two scratch buffers: the best view so far keeps one while the next view fills the other. */
const scratch = [new FeatureBuffer(), new FeatureBuffer()] as const;

/** The calibrated class probabilities of the view that looks most like an attack. */
export function classifyViews(
  model: ClassifierModel,
  views: readonly View[],
  heuristics: Float64Array,
): Classification | null {
  let best: Classification | null = null;
  let free = 0;
  for (const view of views.slice(0, MAX_VIEWS)) {
    const features = scratch[free]!.fill(view.text);
    const probabilities = softmax(bufferLogits(model.main, features, heuristics), model.temperature);
    const attack = 1 - probabilities[0]!;
    if (best === null || attack > best.attack) {
      best = { attack, probabilities, view, features };
      free = 1 - free;
    }
  }
  return best;
}

/**
 * The classifier's signal from its classification of a text's views (made with these heuristic
 * values), or none below its flag point. Its score puts the model's own operating
 * points on the policy's scale (flag point → the category's flag threshold, block point → its block
 * threshold), so the policy decides what a classifier finding does just as it does for a heuristic.
 */
export function classifierSignal(
  model: ClassifierModel,
  found: Classification | null,
  heuristics: Float64Array,
  heuristicSignals: readonly Signal[],
  policy: Policy,
): Signal | null {
  if (found === null || found.attack < model.operatingPoints.flag) return null;
  const label = strongestAttackClass(found.probabilities);
  const name = model.main.labels[label]!;
  const category: Category =
    name === "jailbreak" || name === "injection" ? TECHNIQUE_OF[name] : hazardOf(model, found.features, heuristics);
  const explanation = explain(model, found.view, found.features, label, heuristics, heuristicSignals);
  const points = model.operatingPoints;
  const stage =
    found.attack >= points.block ? `block point ${fixed(points.block)}` : `flag point ${fixed(points.flag)}`;
  const onView = found.view.depth > 0 ? ` in the ${found.view.name} view` : "";
  return {
    detector: CLASSIFIER_ID,
    category,
    score: policyScore(found.attack, points, policy.categories[category] ?? policy.defaultRules),
    spans: explanation.spans,
    reason:
      `learned classifier (${model.id})${onView}: P(${name}) ${fixed(found.probabilities[label]!)}, ` +
      `attack probability ${fixed(found.attack)} ≥ ${stage}; log-odds against benign ${explanation.logOdds.toFixed(2)}`,
    attributions: explanation.attributions,
  };
}

function strongestAttackClass(probabilities: Float64Array): number {
  let best = 1;
  for (let k = 2; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
  return best;
}

function hazardOf(model: ClassifierModel, features: FeatureBuffer, heuristics: Float64Array): Category {
  if (model.hazard.labels.length === 0) return "unspecified-hazard";
  const logits = bufferLogits(model.hazard, features, heuristics);
  let best = 0;
  for (let k = 1; k < logits.length; k++) if (logits[k]! > logits[best]!) best = k;
  return model.hazard.labels[best]!;
}

/** Piecewise linear: 0 → 0, flag point → flag threshold, block point → block threshold, 1 → 1. */
export function policyScore(attack: number, points: OperatingPoints, rules: readonly CategoryRule[]): number {
  const flagAt = rules.find((rule) => rule.action === "flag")?.threshold ?? 0.5;
  const blockAt = rules.find((rule) => rule.action === "block")?.threshold ?? 0.8;
  const anchors: readonly [number, number][] = [
    [0, 0],
    [points.flag, flagAt],
    [points.block, blockAt],
    [1, 1],
  ];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    if (attack > x1 && i < anchors.length - 1) continue;
    const [x0, y0] = anchors[i - 1]!;
    const t = x1 > x0 ? (attack - x0) / (x1 - x0) : 1;
    return Math.min(1, Math.max(0, y0 + t * (y1 - y0)));
  }
  return 1;
}

function fixed(value: number): string {
  return value.toFixed(3);
}
