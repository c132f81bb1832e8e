import { canonicalise, createGuard, FeatureBuffer, groupScale, heuristicValues } from "@rampart/guard";

/**
 * Examples as sparse rows (CSR), exactly as the guard's classifier sees them: hashed text features
 * of the canonical view in columns [0, 2^bits), the heuristic signals after them.
 */
export interface FeatureMatrix {
  readonly bits: number;
  readonly heuristics: readonly string[];
  /** 2^bits + heuristics.length. */
  readonly columns: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function buildFeatureMatrix(
  texts: readonly string[],
  bits: number,
  heuristics: readonly string[],
  onRow: () => void = () => {},
): FeatureMatrix {
  const guard = createGuard({}, { classifier: null });
  const width = 1 << bits;
  const accumulator = new Float64Array(width);
  const features = new FeatureBuffer();
  const indptr = new Int32Array(texts.length + 1);
  let indices = new Int32Array(1 << 20);
  let values = new Float32Array(1 << 20);
  let filled = 0;
  const push = (column: number, value: number) => {
    if (filled === indices.length) {
      const grownIndices = new Int32Array(indices.length * 2);
      grownIndices.set(indices);
      indices = grownIndices;
      const grownValues = new Float32Array(values.length * 2);
      grownValues.set(values);
      values = grownValues;
    }
    indices[filled] = column;
    values[filled++] = value;
  };

  texts.forEach((text, row) => {
    features.fill(canonicalise(text).views[0]!.text);
    const scales = [groupScale(features.counts.char), groupScale(features.counts.word)];
    const touched: number[] = [];
    for (let i = 0; i < features.length; i++) {
      const bucket = features.hashes[i]! & (width - 1);
      if (accumulator[bucket] === 0) touched.push(bucket);
      accumulator[bucket]! += scales[features.groups[i]!]!;
    }
    touched.sort((a, b) => a - b);
    for (const bucket of touched) {
      push(bucket, accumulator[bucket]!);
      accumulator[bucket] = 0;
    }
    const heuristicRow = heuristicValues(heuristics, guard.check(text).signals);
    heuristicRow.forEach((value, j) => {
      if (value !== 0) push(width + j, value);
    });
    indptr[row + 1] = filled;
    onRow();
  });
  return {
    bits,
    heuristics,
    columns: width + heuristics.length,
    indptr,
    indices: indices.slice(0, filled),
    values: values.slice(0, filled),
  };
}

/**
 * The rows `rows` of `matrix` with text columns folded onto a smaller table (bucket & mask), as a
 * head with fewer bits reads them; colliding columns add up, as they do at inference.
 */
export function foldMatrix(matrix: FeatureMatrix, rows: readonly number[], bits: number): FeatureMatrix {
  const sourceWidth = 1 << matrix.bits;
  const width = 1 << bits;
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const accumulator = new Float64Array(width + matrix.heuristics.length);
  rows.forEach((row, r) => {
    const touched: number[] = [];
    for (let p = matrix.indptr[row]!; p < matrix.indptr[row + 1]!; p++) {
      const column = matrix.indices[p]!;
      const folded = column < sourceWidth ? column & (width - 1) : width + (column - sourceWidth);
      if (accumulator[folded] === 0) touched.push(folded);
      accumulator[folded]! += matrix.values[p]!;
    }
    touched.sort((a, b) => a - b);
    for (const column of touched) {
      indices.push(column);
      values.push(accumulator[column]!);
      accumulator[column] = 0;
    }
    indptr[r + 1] = indices.length;
  });
  return {
    bits,
    heuristics: matrix.heuristics,
    columns: width + matrix.heuristics.length,
    indptr,
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}
