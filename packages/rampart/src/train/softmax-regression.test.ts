import { describe, expect, it } from "vitest";
import type { FeatureMatrix } from "./feature-matrix.js";
import { mulberry32 } from "./seeded-random.js";
import { fitSoftmaxRegression, type LinearModel, type RegressionOptions } from "./softmax-regression.js";

/** A CSR matrix from rows of [column, value] pairs (columns ascending, as buildFeatureMatrix writes them). */
function matrixOf(bits: number, heuristics: readonly string[], rows: readonly [number, number][][]): FeatureMatrix {
  const indptr = new Int32Array(rows.length + 1);
  const entries = rows.flatMap((row, r) => {
    indptr[r + 1] = indptr[r]! + row.length;
    return [...row].sort((a, b) => a[0] - b[0]);
  });
  return {
    bits,
    heuristics,
    columns: (1 << bits) + heuristics.length,
    indptr,
    indices: Int32Array.from(entries, ([column]) => column),
    values: Float32Array.from(entries, ([, value]) => value),
  };
}

function logitsOf(model: LinearModel, matrix: FeatureMatrix, row: number): number[] {
  const logits = Array.from(model.biases);
  for (let p = matrix.indptr[row]!; p < matrix.indptr[row + 1]!; p++) {
    for (let k = 0; k < model.classes; k++)
      logits[k]! += model.weights[matrix.indices[p]! * model.classes + k]! * matrix.values[p]!;
  }
  return logits;
}

const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values));

/**
 * 60 rows, three classes, 16 text columns and one heuristic. Class c owns text columns 2c and 2c+1
 * (each row has one of them); every row also has a noise column from 8-13 that says nothing about
 * its class, and class 2's rows fire the heuristic. Row 60 alone uses column 15 and is never fitted.
 */
function separableProblem() {
  const random = mulberry32(5);
  const labels: number[] = [];
  const rows: [number, number][][] = [];
  for (let i = 0; i < 60; i++) {
    const label = i % 3;
    const row: [number, number][] = [
      [2 * label + (random() < 0.5 ? 0 : 1), 0.5 + random()],
      [8 + Math.floor(random() * 6), 0.5 + random()],
    ];
    if (label === 2) row.push([16, 0.9]);
    labels.push(label);
    rows.push(row);
  }
  rows.push([[15, 1]]);
  const matrix = matrixOf(4, ["h"], rows);
  return {
    matrix,
    rows: labels.map((_, i) => i),
    labels: Int32Array.from(labels),
    weights: new Float64Array(labels.length).fill(1),
    classes: 3,
  };
}

const OPTIONS: RegressionOptions = { l2: 1e-6, epochs: 20, learningRate: 0.3, seed: 1 };

const bytes = (array: Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

describe("fitSoftmaxRegression", () => {
  const problem = separableProblem();

  it("learns a separable problem: every training row is classified correctly", () => {
    const model = fitSoftmaxRegression(problem, OPTIONS);
    expect(model.columns).toBe(17);
    expect(model.classes).toBe(3);
    expect(model.weights.length).toBe(17 * 3);
    expect(problem.rows.map((row) => argmax(logitsOf(model, problem.matrix, row)))).toEqual(Array.from(problem.labels));
    expect(model.loss).toBeLessThan(0.05);
    // Each class's own columns end up pointing at it.
    for (let c = 0; c < 3; c++) expect(argmax(Array.from(model.weights.subarray(2 * c * 3, 2 * c * 3 + 3)))).toBe(c);
  });

  it("reports a falling loss after each epoch, the last one as the model's loss", () => {
    const losses: [number, number][] = [];
    const model = fitSoftmaxRegression(problem, { ...OPTIONS, onEpoch: (epoch, loss) => losses.push([epoch, loss]) });
    expect(losses.map(([epoch]) => epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(losses[19]![1]).toBe(model.loss);
    expect(losses[19]![1]).toBeLessThan(losses[0]![1] / 4);
    expect(losses[0]![1]).toBeLessThan(Math.log(3));
  });

  it("starts from zero: with no step size the loss is exactly that of the uniform guess", () => {
    const model = fitSoftmaxRegression(problem, { ...OPTIONS, learningRate: 0, epochs: 1 });
    expect(model.weights.every((w) => w === 0)).toBe(true);
    expect(model.loss).toBeCloseTo(Math.log(3), 12);
  });

  it("is deterministic: the same problem and options give the same weights bit for bit", () => {
    const a = fitSoftmaxRegression(problem, OPTIONS);
    const b = fitSoftmaxRegression(problem, OPTIONS);
    expect(bytes(a.weights).equals(bytes(b.weights))).toBe(true);
    expect(bytes(a.biases).equals(bytes(b.biases))).toBe(true);
    expect(a.loss).toBe(b.loss);
  });

  it("visits the rows in another order with another seed, which changes the weights", () => {
    const a = fitSoftmaxRegression(problem, OPTIONS);
    const b = fitSoftmaxRegression(problem, { ...OPTIONS, seed: 2 });
    expect(bytes(a.weights).equals(bytes(b.weights))).toBe(false);
    // Both still solve the problem.
    expect(problem.rows.map((row) => argmax(logitsOf(b, problem.matrix, row)))).toEqual(Array.from(problem.labels));
  });

  it("fits only the rows it is given, in the order of `rows`, with labels and weights by position", () => {
    const model = fitSoftmaxRegression(problem, OPTIONS);
    // Row 60 (the only one with column 15) is not in `rows`: its column is never touched.
    expect(Array.from(model.weights.subarray(15 * 3, 16 * 3))).toEqual([0, 0, 0]);
    // A subset listed backwards, its labels and weights listed the same way, is learned just as well.
    const subset = problem.rows.filter((row) => row % 2 === 0).reverse();
    const reversed = fitSoftmaxRegression(
      {
        ...problem,
        rows: subset,
        labels: Int32Array.from(subset, (row) => problem.labels[row]!),
        weights: new Float64Array(subset.length).fill(1),
      },
      OPTIONS,
    );
    for (const row of subset) expect(argmax(logitsOf(reversed, problem.matrix, row))).toBe(problem.labels[row]);
  });

  it("weighs each row's loss by its weight: of two identical rows with different labels the heavier wins", () => {
    const matrix = matrixOf(2, [], [[[0, 1]], [[0, 1]]]);
    const fit = (weights: number[]) =>
      fitSoftmaxRegression(
        { matrix, rows: [0, 1], labels: Int32Array.of(0, 1), weights: Float64Array.from(weights), classes: 2 },
        { ...OPTIONS, epochs: 200, learningRate: 0.1 },
      );
    const probabilityOfFirst = (model: LinearModel) => {
      const [a, b] = logitsOf(model, matrix, 0) as [number, number];
      return 1 / (1 + Math.exp(b - a));
    };
    // The weighted optimum is P(label 0) = 3/4, and 1/4 with the weights swapped.
    expect(probabilityOfFirst(fit([3, 1]))).toBeGreaterThan(0.7);
    expect(probabilityOfFirst(fit([3, 1]))).toBeLessThan(0.8);
    expect(probabilityOfFirst(fit([1, 3]))).toBeLessThan(0.3);
    expect(probabilityOfFirst(fit([1, 3]))).toBeGreaterThan(0.2);
  });

  it("shrinks the weights more with a larger L2 penalty", () => {
    const norm = (model: LinearModel) => Math.hypot(...model.weights);
    const loose = fitSoftmaxRegression(problem, OPTIONS);
    const tight = fitSoftmaxRegression(problem, { ...OPTIONS, l2: 0.5 });
    expect(norm(tight)).toBeLessThan(norm(loose) / 2);
  });
});
