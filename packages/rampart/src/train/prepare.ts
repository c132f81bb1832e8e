import { HEURISTIC_FEATURES } from "@rampart/guard";
import type { Split } from "./examples.js";
import { type Example, readExamples } from "./examples.js";
import { buildFeatureMatrix } from "./feature-matrix.js";
import type { TrainingData } from "./train-model.js";

export interface PreparedData extends TrainingData {
  readonly files: readonly string[];
  readonly duplicates: ReadonlyMap<string, number>;
  readonly conflicts: ReadonlyMap<string, number>;
}

/** Reads and featurises every example once; training runs and evaluation folds index into it. */
export async function prepareData(
  dir: string,
  seed: string,
  bits: number,
  onRow: (done: number, total: number) => void = () => {},
): Promise<PreparedData> {
  const { examples, duplicates, conflicts, files } = await readExamples(dir, seed);
  let done = 0;
  const matrix = buildFeatureMatrix(
    examples.map((e) => e.text),
    bits,
    HEURISTIC_FEATURES,
    () => onRow(++done, examples.length),
  );
  return { examples, matrix, files, duplicates, conflicts };
}

/** Indices of the examples in `splits` that `keep` accepts. */
export function rowsWhere(
  examples: readonly Example[],
  splits: readonly Split[],
  keep: (example: Example) => boolean = () => true,
): number[] {
  const rows: number[] = [];
  examples.forEach((example, row) => {
    if (splits.includes(example.split) && keep(example)) rows.push(row);
  });
  return rows;
}

/** The rows a model is fitted or calibrated on: the split's trainable ones (see Example.trainable). */
export function fittingRows(examples: readonly Example[], split: "train" | "validation"): number[] {
  return rowsWhere(examples, [split], (example) => example.trainable);
}

/** How the operating points' split is named inside a model: part of its content, so of its hash. */
export function describeSplit(seed: string, validationRows: number): string {
  return `validation split (seed "${seed}", ${validationRows} prompts)`;
}
