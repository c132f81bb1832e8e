import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundledModel } from "../../classifier/bundled.js";
import { headLogits, softmax } from "../../classifier/score.js";
import { cut } from "../scanners/streaming.testing.js";
import { bundledOutputModel } from "./bundled.js";
import { decodeOutputModel, type OutputModel } from "./output-model.js";
import { OutputScorer } from "./output-scorer.js";
import { promptHeadOf } from "./prompt-head.js";

const BITS = 10;

/**
 * An output model with seeded random weights over 2^10 buckets. With `extra` > 0 it reads the
 * bundled prompt classifier (3 answer log-odds, and 4 request features when `extra` is 7).
 */
function randomModel(seed: number, extra: 0 | 3 | 7): OutputModel {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const weights = Int8Array.from({ length: (1 << BITS) * 3 }, () => (next() >>> 24) - 128);
  return decodeOutputModel({
    format: "rampart-output-classifier/1",
    id: `rampart-output-classifier-test-${extra}`,
    sha256: "0".repeat(64),
    head: {
      labels: ["benign", "refusal", "harmful"],
      bits: BITS,
      weights: Buffer.from(weights.buffer).toString("base64"),
      scales: [0.01, 0.02, 0.03],
      biases: [0.4, -0.1, -0.7],
      heuristicWeights: Array.from({ length: extra * 3 }, () => (next() >>> 16) / 65536 - 0.5),
    },
    promptClassifier: extra === 0 ? null : bundledModel().id,
    readsRequest: extra === 7,
    temperature: 1.7,
    operatingPoints: { flag: 0.5, halt: 0.8, minChars: 10, stride: 5, chosenOn: "a test" },
  });
}

const ngramsOnly = randomModel(7, 0);
const readsAnswer = randomModel(8, 3);
const readsRequest = randomModel(9, 7);
const bundled = bundledOutputModel();
/** What a request's features look like: three log-odds, then 1 for "there was a request". */
const REQUEST = Float64Array.from([-2.5, 0.75, 3.25, 1]);

function scorer(model: OutputModel): OutputScorer {
  return new OutputScorer(model, promptHeadOf(model), model.readsRequest ? REQUEST : undefined);
}

function scored(model: OutputModel, pieces: readonly string[], end: boolean): OutputScorer {
  const s = scorer(model);
  for (const piece of pieces) s.push(piece);
  if (end) s.end();
  return s;
}

function expectClose(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, k) => {
    expect(value).toBeCloseTo(expected[k]!, 12);
  });
}

/** The prompt classifier's log-odds of its attack classes against benign, for a lower-cased text. */
function promptOdds(lower: string): Float64Array {
  const logits = headLogits(bundledModel().main, lower, new Float64Array(0));
  return Float64Array.from([1, 2, 3], (k) => logits[k]! - logits[0]!);
}

const ANSWER =
  "Sure! To store Flour, keep it in an airtight jar. Step 2: label it with the date; use it within 6 months.";
const text = fc.string({ unit: fc.constantFrom(..."abcAB 01.,!\nStep é😀"), maxLength: 120 });
const cuts = fc.array(fc.nat(), { maxLength: 10 });

describe("OutputScorer", () => {
  it.each([
    ["a model reading n-grams only", ngramsOnly],
    ["a model reading the prompt classifier's opinion of the answer", readsAnswer],
    ["a model reading the request too", readsRequest],
    ["the bundled model", bundled],
  ])("gives a streamed text the probabilities of the same text pushed whole (%s)", (_name, model) => {
    fc.assert(
      fc.property(text, cuts, fc.boolean(), (t, at, end) => {
        expectClose(scored(model, cut(t, at), end).probabilities(), scored(model, [t], end).probabilities());
      }),
      { numRuns: 100 },
    );
  });

  it("scores a whole answer as the linear head over its lower-cased text and the prompt classifier's log-odds of it", () => {
    const s = scored(readsAnswer, cut(ANSWER, [5, 6, 30, 31, 32, 70]), true);
    const lower = ANSWER.toLowerCase();
    const odds = promptOdds(lower);
    expectClose(s.extraFeatures(), odds);
    const logits = headLogits(readsAnswer.head, lower, odds);
    expectClose(s.logits(), logits);
    expectClose(s.probabilities(), softmax(logits, readsAnswer.temperature));
  });

  it("reads the request's features after the answer's, fixed for the whole stream", () => {
    const lower = ANSWER.toLowerCase();
    const extra = Float64Array.from([...promptOdds(lower), ...REQUEST]);
    const s = scored(readsRequest, [ANSWER], true);
    expectClose(s.extraFeatures(), extra);
    expectClose(s.probabilities(), softmax(headLogits(readsRequest.head, lower, extra), readsRequest.temperature));
    // The request moves the answer's score: the same answer after no request reads differently.
    const unknown = new OutputScorer(readsRequest, promptHeadOf(readsRequest), new Float64Array(4));
    unknown.push(ANSWER);
    unknown.end();
    expect(unknown.harmful()).not.toBeCloseTo(s.harmful(), 6);
  });

  it("reads features besides n-grams only when the model names a prompt classifier", () => {
    expect(scored(ngramsOnly, [ANSWER], true).extraFeatures()).toHaveLength(0);
    expect(scored(readsAnswer, [ANSWER], true).extraFeatures()).toHaveLength(3);
    expect(scored(readsRequest, [ANSWER], true).extraFeatures()).toHaveLength(7);
    const expected = bundled.promptClassifier === null ? 0 : bundled.readsRequest ? 7 : 3;
    expect(scored(bundled, [ANSWER], true).extraFeatures()).toHaveLength(expected);
  });

  it("gives an empty stream of an n-gram model the probabilities of its biases alone", () => {
    const empty = scored(ngramsOnly, [], true);
    expectClose(empty.probabilities(), softmax(Float64Array.from(ngramsOnly.head.biases), ngramsOnly.temperature));
  });

  it("returns calibrated probabilities of benign, refusal and harmful, harmful() the last", () => {
    const s = scored(bundled, [ANSWER.slice(0, 40)], false);
    const probabilities = s.probabilities();
    expect(probabilities).toHaveLength(3);
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(s.harmful()).toBe(probabilities[2]);
    expectClose(probabilities, softmax(s.logits(), bundled.temperature));
  });

  it("counts the characters pushed", () => {
    const s = scorer(ngramsOnly);
    s.push("abc");
    s.push("");
    s.push("😀 d");
    expect(s.position).toBe(7);
    s.end();
    expect(s.position).toBe(7);
  });
});
