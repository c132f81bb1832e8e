import { createHash } from "node:crypto";
import {
  ANSWER_FEATURES,
  bundledModel,
  type ClassifierModel,
  decodeOutputModel,
  type EncodedOutputModel,
  groupScale,
  type LinearHead,
  type Message,
  OUTPUT_CLASSES,
  type OutputModel,
  promptClassifierOf,
  RampartError,
  RunningHead,
  requestFeatures,
  StreamFeatures,
  StreamJudge,
} from "@rampart/guard";
import { fitTemperature, thresholdForRate } from "../calibrate.js";
import type { FeatureMatrix } from "../feature-matrix.js";
import { fitSoftmaxRegression } from "../softmax-regression.js";
import { balancedWeights, encodeHead } from "../train-model.js";
import type { OutputExample } from "./output-examples.js";

export interface OutputTrainOptions {
  readonly bits: number;
  readonly l2: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly shuffleSeed: number;
  /**
   * Each training answer is learnt whole and also cut at these fractions of its length, as the monitor sees
   * it mid-stream: a model fitted on whole answers only is unsure of their first lines.
   */
  readonly cuts: readonly number[];
  /** At most this share of validation benign and refusal answers may be halted at any reading point. */
  readonly haltRate: number;
  readonly flagRate: number;
  readonly minChars: number;
  readonly stride: number;
  /** Whether the head also reads the prompt classifier's log-odds of the output (see `OutputScorer`). */
  readonly readPromptClassifier: boolean;
  /** Whether it reads the prompt classifier's log-odds of the request too (see `requestFeatures`). */
  readonly readRequest: boolean;
  /** Characters per piece when a stream is simulated (a streamed token is 3–5 characters, a delta often more). */
  readonly chunk: number;
}

export const DEFAULT_OUTPUT_OPTIONS: OutputTrainOptions = {
  bits: 18,
  l2: 1e-6,
  epochs: 10,
  learningRate: 0.2,
  shuffleSeed: 1,
  cuts: [0.1, 0.25, 0.5],
  haltRate: 0.01,
  flagRate: 0.03,
  minChars: 48,
  stride: 16,
  chunk: 8,
  readPromptClassifier: true,
  readRequest: true,
};

/** Hashed n-gram rows of each example and each of its cuts, with the labels and loss weights. */
export function outputMatrix(
  examples: readonly OutputExample[],
  rows: readonly number[],
  options: OutputTrainOptions,
  prompt: ClassifierModel | null,
): { matrix: FeatureMatrix; labels: Int32Array; weights: Float64Array } {
  const width = 1 << options.bits;
  const promptHead: LinearHead<string> | null = prompt?.main ?? null;
  const reads = prompt !== null && options.readRequest;
  const names = prompt === null ? [] : [...ANSWER_NAMES, ...(reads ? REQUEST_NAMES : [])];
  const accumulator = new Float64Array(width);
  const indptr: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const labels: number[] = [];
  const rowWeights: number[] = [];
  const base = balancedWeights(rows.map((row) => examples[row]!));
  rows.forEach((row, i) => {
    const example = examples[row]!;
    const request = reads ? requestFeatures(prompt, requestOf(example)) : null;
    const lengths = cutLengths(example.text.length, options);
    for (const length of lengths) {
      const features = new StreamFeatures();
      const answer = promptHead === null ? null : new RunningHead(promptHead);
      const hashes: number[] = [];
      const groups: number[] = [];
      const take = (f: StreamFeatures) => {
        answer?.add(f);
        for (let k = 0; k < f.length; k++) {
          hashes.push(f.hashes[k]!);
          groups.push(f.groups[k]!);
        }
      };
      take(features.push(example.text.slice(0, length)));
      if (length === example.text.length) take(features.end());
      const scales = [groupScale(features.charCount), groupScale(features.wordCount)];
      const touched: number[] = [];
      hashes.forEach((hash, k) => {
        const bucket = hash & (width - 1);
        if (accumulator[bucket] === 0) touched.push(bucket);
        accumulator[bucket]! += scales[groups[k]!]!;
      });
      touched.sort((a, b) => a - b);
      for (const bucket of touched) {
        indices.push(bucket);
        values.push(accumulator[bucket]!);
        accumulator[bucket] = 0;
      }
      if (answer !== null) {
        const logits = answer.logits(features, new Float64Array(0));
        for (let j = 0; j < ANSWER_FEATURES; j++) {
          indices.push(width + j);
          values.push(logits[j + 1]! - logits[0]!);
        }
        request?.forEach((value, j) => {
          indices.push(width + ANSWER_FEATURES + j);
          values.push(value);
        });
      }
      indptr.push(indices.length);
      labels.push(OUTPUT_CLASSES.indexOf(example.label));
      rowWeights.push(base[i]! / (options.cuts.length + 1));
    }
  });
  return {
    matrix: {
      bits: options.bits,
      heuristics: names,
      columns: width + names.length,
      indptr: Int32Array.from(indptr),
      indices: Int32Array.from(indices),
      values: Float32Array.from(values),
    },
    labels: Int32Array.from(labels),
    weights: Float64Array.from(rowWeights),
  };
}

/**
 * The lengths an answer is learnt at: each cut long enough to be read (`minChars`), and the whole.
 * Each weighs the answer's balanced weight over the number of lengths a long answer gets, so an
 * answer counts as often as the monitor reads it. Sharing the weight instead, so that a short
 * answer weighs what a long one does, did better on the random split (91.2% against 89.2% of
 * harmful answers halted) but worse leaving one source out (31.7% against 38.7%).
 */
function cutLengths(textLength: number, options: OutputTrainOptions): number[] {
  const cuts = options.cuts
    .filter((cut) => cut < 1)
    .map((cut) => Math.round(textLength * cut))
    .filter((length) => length >= options.minChars);
  return [...cuts, textLength];
}

/** The highest P(harmful) a stream of `text` shows at any reading point, and where it first reaches `halt`. */
export function streamPeak(
  model: OutputModel,
  example: Pick<OutputExample, "text" | "prompt">,
  chunk: number,
  halt = Number.POSITIVE_INFINITY,
): { peak: number; haltedAt: number | null } {
  const prompt = promptClassifierOf(model);
  const request = prompt !== null && model.readsRequest ? requestFeatures(prompt, requestOf(example)) : undefined;
  const judge = new StreamJudge(model, prompt?.main ?? null, request);
  const text = example.text;
  let peak = 0;
  for (let at = 0; at < text.length; at += chunk) {
    const score = judge.push(text.slice(at, at + chunk));
    if (score === null) continue;
    peak = Math.max(peak, score);
    if (score >= halt) return { peak, haltedAt: Math.min(text.length, at + chunk) };
  }
  const last = judge.end();
  peak = Math.max(peak, last);
  return { peak, haltedAt: last >= halt ? text.length : null };
}

export interface OutputTrainingRun {
  readonly encoded: EncodedOutputModel;
  readonly model: OutputModel;
  readonly loss: number;
}

/**
 * Fits the head on `trainRows` (and their cuts), fits the temperature on the whole validation
 * answers, and puts the halt point where at most `haltRate` of the validation benign and refusal
 * answers would be halted when streamed, reading by reading.
 */
export function trainOutputModel(
  examples: readonly OutputExample[],
  trainRows: readonly number[],
  validationRows: readonly number[],
  options: OutputTrainOptions,
  chosenOn: string,
  log: (line: string) => void = () => {},
): OutputTrainingRun {
  const prompt: ClassifierModel | null = options.readPromptClassifier ? bundledModel() : null;
  const { matrix, labels, weights } = outputMatrix(examples, trainRows, options, prompt);
  const fitted = fitSoftmaxRegression(
    { matrix, rows: Array.from(labels.keys()), labels, weights, classes: OUTPUT_CLASSES.length },
    { l2: options.l2, epochs: options.epochs, learningRate: options.learningRate, seed: options.shuffleSeed },
  );
  log(
    `output head: ${labels.length} rows (answers and their cuts), ${options.epochs} epochs, loss ${fitted.loss.toFixed(4)}`,
  );
  const head = encodeHead(fitted, OUTPUT_CLASSES, options.bits, matrix.heuristics.length);
  const promptClassifier = prompt?.id ?? null;
  const readsRequest = prompt !== null && options.readRequest;
  const points = { flag: 0.5, halt: 0.8, minChars: options.minChars, stride: options.stride, chosenOn };
  const draft = decodeOutputModel(
    sealOutputModel({ head, promptClassifier, readsRequest, temperature: 1, operatingPoints: points }),
  );

  const logits: Float64Array[] = [];
  const classes: number[] = [];
  for (const row of validationRows) {
    const request = readsRequest && prompt !== null ? requestFeatures(prompt, requestOf(examples[row]!)) : undefined;
    const scorer = new StreamJudge(draft, prompt?.main ?? null, request).scorer;
    scorer.push(examples[row]!.text);
    scorer.end();
    logits.push(scorer.logits());
    classes.push(OUTPUT_CLASSES.indexOf(examples[row]!.label));
  }
  const temperature = fitTemperature(logits, classes);
  const calibrated = { ...draft, temperature };
  const peaks = validationRows
    .filter((row) => examples[row]!.label !== "harmful")
    .map((row) => streamPeak(calibrated, examples[row]!, options.chunk).peak);
  if (peaks.length === 0) {
    throw new RampartError(
      "INPUT_INVALID",
      `${chosenOn}: no benign or refusal answers to choose the halt point on; the data needs answers that must not be halted`,
    );
  }
  const halt = thresholdForRate(peaks, options.haltRate);
  const flag = Math.min(halt, thresholdForRate(peaks, options.flagRate));
  const describe =
    `${chosenOn}: halt where at most ${percent(options.haltRate)} of ${peaks.length} benign and refusal validation answers, ` +
    `streamed ${options.chunk} characters at a time and read from character ${options.minChars} every ${options.stride}, ` +
    `reach it at any reading; flag at ${percent(options.flagRate)}`;
  const encoded = sealOutputModel({
    head,
    promptClassifier,
    readsRequest,
    temperature,
    operatingPoints: { ...points, flag, halt, chosenOn: describe },
  });
  log(`temperature ${temperature.toFixed(3)}; flag ${flag.toFixed(4)}, halt ${halt.toFixed(4)}`);
  return { encoded, model: decodeOutputModel(encoded), loss: fitted.loss };
}

const ANSWER_NAMES = ["answer:jailbreak", "answer:injection", "answer:harmful"];
const REQUEST_NAMES = ["request:jailbreak", "request:injection", "request:harmful", "request:known"];

/** The request as the monitor sees it: the recorded prompt as the one user turn (none when not recorded). */
export function requestOf(example: Pick<OutputExample, "prompt">): Message[] {
  return example.prompt === null ? [] : [{ role: "user", content: example.prompt }];
}

type OutputModelContent = Omit<EncodedOutputModel, "format" | "id" | "sha256">;

/** The id and hash cover weights and thresholds alike, so any change is a new model. */
export function sealOutputModel(content: OutputModelContent): EncodedOutputModel {
  const body = {
    format: "rampart-output-classifier/1" as const,
    head: content.head,
    promptClassifier: content.promptClassifier,
    readsRequest: content.readsRequest,
    temperature: content.temperature,
    operatingPoints: content.operatingPoints,
  };
  const sha256 = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const { format, ...rest } = body;
  return { format, id: `rampart-output-classifier-${sha256.slice(0, 16)}`, sha256, ...rest };
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
