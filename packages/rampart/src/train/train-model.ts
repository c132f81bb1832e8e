import {
  CLASSES,
  type ClassifierModel,
  canonicalise,
  classifyViews,
  decodeModel,
  type EncodedHead,
  type EncodedModel,
  HAZARDS,
  type Hazard,
  headLogits,
  RampartError,
} from "@rampart/guard";
import { fitTemperature, thresholdForRate } from "./calibrate.js";
import type { Example } from "./examples.js";
import { type FeatureMatrix, foldMatrix } from "./feature-matrix.js";
import { sealModel } from "./model-hash.js";
import { fitSoftmaxRegression, type LinearModel, type RegressionOptions } from "./softmax-regression.js";

export interface TrainOptions {
  /** log2 of the main head's hashed text table. */
  readonly bits: number;
  /** log2 of the hazard head's table (it has four times as many labels, so a smaller table). */
  readonly hazardBits: number;
  readonly l2: number;
  readonly epochs: number;
  readonly learningRate: number;
  /** Seeds the order SGD visits the rows in. */
  readonly shuffleSeed: number;
  /** Largest share of the validation split's benign prompts the classifier may block or flag. */
  readonly blockRate: number;
  readonly flagRate: number;
  /** The same for the borderline-benign prompts (XSTest's safe ones and their like), which are harder. */
  readonly borderlineBlockRate: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  bits: 18,
  hazardBits: 15,
  l2: 1e-6,
  epochs: 10,
  learningRate: 0.2,
  shuffleSeed: 1,
  blockRate: 0.005,
  flagRate: 0.02,
  borderlineBlockRate: 0.03,
};

export interface TrainingRun {
  readonly encoded: EncodedModel;
  readonly model: ClassifierModel;
  /** Training loss (weighted mean cross-entropy) of each head's last epoch. */
  readonly loss: { readonly main: number; readonly hazard: number };
}

export interface TrainingData {
  readonly examples: readonly Example[];
  readonly matrix: FeatureMatrix;
}

/**
 * Fits the main head on `trainRows`, the hazard head on its harmful rows with a hazard label, then
 * calibrates the temperature and picks the operating points on `validationRows` through the very
 * inference code the guard runs (quantised weights, every view).
 */
export function trainClassifier(
  data: TrainingData,
  trainRows: readonly number[],
  validationRows: readonly number[],
  options: TrainOptions,
  chosenOn: string,
  log: (line: string) => void = () => {},
): TrainingRun {
  const { examples, matrix } = data;
  const main = fitSoftmaxRegression(
    {
      matrix,
      rows: trainRows,
      labels: Int32Array.from(trainRows, (row) => CLASSES.indexOf(examples[row]!.label)),
      weights: balancedWeights(trainRows.map((row) => examples[row]!)),
      classes: CLASSES.length,
    },
    sgdOptions(options),
  );
  log(`main head: ${options.epochs} epochs, training loss ${main.loss.toFixed(4)}`);

  const hazardRows = trainRows.filter((row) => examples[row]!.hazard !== undefined);
  const hazardLabels = (Object.keys(HAZARDS) as Hazard[]).filter((h) =>
    hazardRows.some((row) => examples[row]!.hazard === h),
  );
  const hazardMatrix = foldMatrix(matrix, hazardRows, options.hazardBits);
  // With no hazard labels in the data the head is empty, and the guard names harmful requests "unspecified-hazard".
  const hazard = fitSoftmaxRegression(
    {
      matrix: hazardMatrix,
      rows: hazardRows.map((_, i) => i),
      labels: Int32Array.from(hazardRows, (row) => hazardLabels.indexOf(examples[row]!.hazard!)),
      weights: balancedWeights(hazardRows.map((row) => ({ ...examples[row]!, label: examples[row]!.hazard! }))),
      classes: hazardLabels.length,
    },
    sgdOptions(options),
  );
  log(
    `hazard head: ${hazardLabels.length} hazards, ${hazardRows.length} rows, training loss ${hazard.loss.toFixed(4)}`,
  );

  const heuristics = matrix.heuristics;
  const draft = sealModel({
    heuristics,
    main: encodeHead(main, CLASSES, options.bits, heuristics.length),
    hazard: encodeHead(hazard, hazardLabels, options.hazardBits, heuristics.length),
    temperature: 1,
    operatingPoints: { flag: 0.5, block: 0.8, chosenOn },
  });
  const calibrated = calibrate(decodeModel(draft), data, validationRows, options, chosenOn);
  const encoded = sealModel({ ...draft, ...calibrated });
  log(
    `temperature ${calibrated.temperature.toFixed(3)}; operating points: flag ${calibrated.operatingPoints.flag.toFixed(4)}, block ${calibrated.operatingPoints.block.toFixed(4)}`,
  );
  return { encoded, model: decodeModel(encoded), loss: { main: main.loss, hazard: hazard.loss } };
}

function sgdOptions(options: TrainOptions): RegressionOptions {
  return { l2: options.l2, epochs: options.epochs, learningRate: options.learningRate, seed: options.shuffleSeed };
}

/**
 * Every class weighs the same in the loss, and inside a class each source weighs as the square root
 * of its size: a 5,000-row source still counts for more than a 100-row one, but cannot drown it. A
 * source with both benign and attack rows (documents with and without an injected instruction, say)
 * has its benign rows' raw weight raised to its attack rows' raw weight before the classes are
 * evened out, so its benign side is not outweighed by its look alone.
 */
export function balancedWeights(rows: readonly { readonly label: string; readonly source: string }[]): Float64Array {
  const groupKey = (row: { readonly label: string; readonly source: string }) => `${row.label}\0${row.source}`;
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(groupKey(row), (sizes.get(groupKey(row)) ?? 0) + 1);
  const attackWeightOf = new Map<string, number>();
  for (const [key, size] of sizes) {
    const [label, source] = key.split("\0") as [string, string];
    if (label !== "benign") attackWeightOf.set(source, (attackWeightOf.get(source) ?? 0) + Math.sqrt(size));
  }
  const groupWeight = (row: { readonly label: string; readonly source: string }) => {
    const sqrtSize = Math.sqrt(sizes.get(groupKey(row))!);
    return row.label === "benign" ? Math.max(sqrtSize, attackWeightOf.get(row.source) ?? 0) : sqrtSize;
  };
  const raw = rows.map((row) => groupWeight(row) / sizes.get(groupKey(row))!);
  const perClass = new Map<string, number>();
  rows.forEach((row, i) => {
    perClass.set(row.label, (perClass.get(row.label) ?? 0) + raw[i]!);
  });
  const share = rows.length / perClass.size;
  return Float64Array.from(rows, (row, i) => (raw[i]! * share) / perClass.get(row.label)!);
}

function calibrate(
  model: ClassifierModel,
  data: TrainingData,
  validationRows: readonly number[],
  options: TrainOptions,
  chosenOn: string,
): Pick<EncodedModel, "temperature" | "operatingPoints"> {
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  const scored: { views: ReturnType<typeof canonicalise>["views"]; heuristics: Float64Array; kind: string }[] = [];
  for (const row of validationRows) {
    const example = data.examples[row]!;
    const views = canonicalise(example.text).views;
    const heuristics = heuristicRow(data.matrix, row);
    logits.push(headLogits(model.main, views[0]!.text, heuristics));
    labels.push(CLASSES.indexOf(example.label));
    if (example.label === "benign") scored.push({ views, heuristics, kind: example.kind });
  }
  const temperature = fitTemperature(logits, labels);
  const withTemperature = { ...model, temperature };
  const benign: number[] = [];
  const borderline: number[] = [];
  for (const { views, heuristics, kind } of scored) {
    const attack = classifyViews(withTemperature, views, heuristics)?.attack ?? 0;
    (kind === "benign-borderline" ? borderline : benign).push(attack);
  }
  if (benign.length === 0) {
    throw new RampartError("INPUT_INVALID", `${chosenOn}: no benign prompts to choose the operating points on`);
  }
  const block = Math.max(
    thresholdForRate(benign, options.blockRate),
    borderline.length === 0 ? 0 : thresholdForRate(borderline, options.borderlineBlockRate),
  );
  const flag = Math.min(block, thresholdForRate(benign, options.flagRate));
  const describe =
    `${chosenOn}: block at ≤ ${percent(options.blockRate)} of ${benign.length} benign and ≤ ${percent(options.borderlineBlockRate)} ` +
    `of ${borderline.length} borderline-benign validation prompts, flag at ≤ ${percent(options.flagRate)} of the benign ones`;
  return { temperature, operatingPoints: { flag, block, chosenOn: describe } };
}

/** The heuristic features of one matrix row, in model order. */
export function heuristicRow(matrix: FeatureMatrix, row: number): Float64Array {
  const values = new Float64Array(matrix.heuristics.length);
  const first = 1 << matrix.bits;
  for (let p = matrix.indptr[row]!; p < matrix.indptr[row + 1]!; p++) {
    const column = matrix.indices[p]!;
    if (column >= first) values[column - first] = matrix.values[p]!;
  }
  return values;
}

export function encodeHead<Label extends string>(
  fitted: LinearModel,
  labels: readonly Label[],
  bits: number,
  heuristicCount: number,
): EncodedHead<Label> {
  const width = labels.length;
  const textColumns = 1 << bits;
  const scales = labels.map((_, k) => {
    let max = 0;
    for (let j = 0; j < textColumns; j++) max = Math.max(max, Math.abs(fitted.weights[j * width + k]!));
    return max > 0 ? max / 127 : 1;
  });
  const quantised = new Int8Array(textColumns * width);
  for (let j = 0; j < textColumns; j++) {
    for (let k = 0; k < width; k++) {
      quantised[j * width + k] = Math.max(-127, Math.min(127, Math.round(fitted.weights[j * width + k]! / scales[k]!)));
    }
  }
  return {
    labels,
    bits,
    weights: Buffer.from(quantised.buffer).toString("base64"),
    scales,
    biases: Array.from(fitted.biases),
    heuristicWeights: Array.from(fitted.weights.subarray(textColumns * width, (textColumns + heuristicCount) * width)),
  };
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
