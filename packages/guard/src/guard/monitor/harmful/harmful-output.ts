import { type Category, type Hazard, isHazard } from "../../../core/category.js";
import type { Signal } from "../../../core/signal.js";
import { explain } from "../../classifier/attribution.js";
import { bundledModel } from "../../classifier/bundled.js";
import { FeatureBuffer } from "../../classifier/features.js";
import { headLogits } from "../../classifier/score.js";
import type { CategoryRule } from "../../policy/policy.js";
import type { View } from "../../views/view.js";
import type { OutputContext, OutputScan, OutputScanner } from "../scanner.js";
import { bundledOutputModel } from "./bundled.js";
import { extraFeatures, type OutputModel } from "./output-model.js";
import { promptClassifierOf } from "./prompt-head.js";
import { requestFeatures } from "./request-features.js";
import { lowerCaseText } from "./stream-features.js";
import { StreamJudge } from "./stream-judge.js";

export const HARMFUL_OUTPUT_ID = "harmful-output";

const HARMFUL = 2;
/** What the extra features are called in an explanation, in the order the head reads them. */
const EXTRA_FEATURE_NAMES = [
  "answer reads as jailbreak",
  "answer reads as injection",
  "answer reads as harmful request",
  "request reads as jailbreak",
  "request reads as injection",
  "request reads as harmful",
  "request known",
];

/**
 * The learned output classifier, read as the answer streams (see `StreamJudge`). Once the answer
 * crosses the model's flag point it reports, once, with the words that pushed it there; it reports
 * again if it later crosses the halt point. An answer that turns harmful when the input check let
 * the request through without a flag also gets a deviation signal: whatever the prompt looked
 * like, something steered the model (an indirect injection, a jailbreak the input side missed).
 */
export const harmfulOutput: OutputScanner = {
  id: HARMFUL_OUTPUT_ID,
  start(context) {
    return startHarmfulScan(bundledOutputModel(), context);
  },
};

export function startHarmfulScan(model: OutputModel, context: OutputContext): OutputScan {
  const prompt = promptClassifierOf(model);
  const request = prompt !== null && model.readsRequest ? requestFeatures(prompt, context.messages) : undefined;
  const judge = new StreamJudge(model, prompt?.main ?? null, request);
  const pieces: string[] = [];
  let reported = 0;
  const points = model.operatingPoints;

  function read(harmful: number | null, length: number): Signal[] {
    if (harmful === null) return [];
    const stage = harmful >= points.halt ? 2 : harmful >= points.flag ? 1 : 0;
    if (stage <= reported) return [];
    reported = stage;
    const text = pieces.join("");
    pieces.length = 0;
    pieces.push(text);
    return findings(model, judge, text.slice(0, length), harmful, context);
  }

  return {
    push(text) {
      pieces.push(text);
      return read(judge.push(text), judge.scorer.position);
    },
    pending() {
      return 0;
    },
    end() {
      return read(judge.end(), judge.scorer.position);
    },
  };
}

function findings(
  model: OutputModel,
  judge: StreamJudge,
  text: string,
  harmful: number,
  context: OutputContext,
): Signal[] {
  const points = model.operatingPoints;
  const category = hazardOf(text, context);
  const rules = context.policy.categories[category] ?? context.policy.defaultRules;
  const view: View = {
    name: "output",
    text: lowerCaseText(text),
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    startAt: (i) => i,
    endAt: (i) => i + 1,
    depth: 0,
  };
  const explanation = explain(
    {
      main: model.head,
      heuristics: EXTRA_FEATURE_NAMES.slice(0, extraFeatures(model)),
      temperature: model.temperature,
    },
    view,
    featuresAsStreamed(view.text, judge.scorer.midWord),
    HARMFUL,
    judge.scorer.extraFeatures(),
    [],
  );
  const stage =
    harmful >= points.halt ? `halt point ${points.halt.toFixed(3)}` : `flag point ${points.flag.toFixed(3)}`;
  const score = outputScore(harmful, points.flag, points.halt, rules);
  const signal: Signal = {
    detector: HARMFUL_OUTPUT_ID,
    category,
    score,
    spans: explanation.spans,
    reason:
      `learned output classifier (${model.id}): after ${text.length} characters P(harmful) ${harmful.toFixed(3)} ≥ ${stage}; ` +
      `log-odds against an ordinary answer ${explanation.logOdds.toFixed(2)}`,
    attributions: explanation.attributions,
  };
  const request = context.inputVerdict;
  if (request === undefined || request.action !== "allow") return [signal];
  return [
    signal,
    {
      detector: `${HARMFUL_OUTPUT_ID}/deviation`,
      category,
      score,
      spans: explanation.spans,
      reason: `the answer turned harmful (${category}) although the request did not look it (input verdict ${request.action}, risk ${request.risk})`,
    },
  ];
}

/**
 * The n-grams of `text` exactly as the stream has counted them: a word the stream is still inside
 * is not counted yet (its unigram and bigram end where the text ends), so the explanation leaves
 * it out too and its terms add up to the log-odds that was read.
 */
function featuresAsStreamed(text: string, midWord: boolean): FeatureBuffer {
  const features = new FeatureBuffer().fill(text);
  if (!midWord) return features;
  let dropped = 0;
  while (
    features.length > 0 &&
    features.groups[features.length - 1] === 1 &&
    features.ends[features.length - 1] === text.length
  ) {
    features.length--;
    dropped++;
  }
  features.counts = { char: features.counts.char, word: features.counts.word - dropped };
  return features;
}

/** The request's hazard when the input check named one, else what the prompt classifier's hazard head reads in the answer. */
function hazardOf(text: string, context: OutputContext): Category {
  const named = context.inputVerdict?.categories.find(isHazard);
  if (named !== undefined) return named;
  const prompt = bundledModel();
  if (prompt.hazard.labels.length === 0) return "unspecified-hazard";
  const logits = headLogits(prompt.hazard, text.toLowerCase(), new Float64Array(prompt.heuristics.length));
  let best = 0;
  for (let k = 1; k < logits.length; k++) if (logits[k]! > logits[best]!) best = k;
  return prompt.hazard.labels[best] as Hazard;
}

/**
 * Piecewise linear from the flag point up, as for the prompt classifier: flag point → the
 * category's flag threshold, halt point → its block (halt) threshold, 1 → 1.
 */
function outputScore(harmful: number, flag: number, halt: number, rules: readonly CategoryRule[]): number {
  const flagAt = rules.find((rule) => rule.action === "flag")?.threshold ?? 0.5;
  const haltAt = rules.find((rule) => rule.action === "block" || rule.action === "halt")?.threshold ?? 0.8;
  if (harmful >= halt) return Math.min(1, haltAt + ((harmful - halt) / Math.max(1e-9, 1 - halt)) * (1 - haltAt));
  return flagAt + ((harmful - flag) / Math.max(1e-9, halt - flag)) * (haltAt - flagAt);
}
