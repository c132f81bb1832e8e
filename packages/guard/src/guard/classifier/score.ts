import type { Signal } from "../../core/signal.js";
import { FeatureBuffer } from "./features.js";
import type { LinearHead } from "./model.js";

/** A text group's occurrences are weighted 1/√count, so a long prompt neither drowns nor shouts. */
export function groupScale(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

/** The strongest signal of each named heuristic (a detector id or id prefix), 0 when it is silent. */
export function heuristicValues(names: readonly string[], signals: readonly Signal[]): Float64Array {
  const values = new Float64Array(names.length);
  names.forEach((name, index) => {
    for (const signal of signals) {
      if (signal.detector === name || signal.detector.startsWith(`${name}/`)) {
        values[index] = Math.max(values[index]!, signal.score);
      }
    }
  });
  return values;
}

const scratch = new FeatureBuffer();

/** A head's logits for one text: bias + text features + heuristic features, before temperature. */
export function headLogits(head: LinearHead<string>, text: string, heuristics: Float64Array): Float64Array {
  return bufferLogits(head, scratch.fill(text), heuristics);
}

/**
 * The same from features already extracted. Weights are summed as integers per group and label
 * (exact in any order) and scaled once at the end.
 */
export function bufferLogits(head: LinearHead<string>, buffer: FeatureBuffer, heuristics: Float64Array): Float64Array {
  const width = head.labels.length;
  const sums = new Float64Array(2 * width);
  const mask = (1 << head.bits) - 1;
  const { weights } = head;
  const { hashes, groups, length } = buffer;
  if (width === 4) {
    // The main head: unrolled, since this loop is most of the classifier's time on every prompt.
    for (let i = 0; i < length; i++) {
      const base = (hashes[i]! & mask) << 2;
      const offset = groups[i]! << 2;
      sums[offset]! += weights[base]!;
      sums[offset + 1]! += weights[base + 1]!;
      sums[offset + 2]! += weights[base + 2]!;
      sums[offset + 3]! += weights[base + 3]!;
    }
  } else {
    for (let i = 0; i < length; i++) {
      const base = (hashes[i]! & mask) * width;
      const offset = groups[i]! * width;
      for (let k = 0; k < width; k++) sums[offset + k]! += weights[base + k]!;
    }
  }
  const charScale = groupScale(buffer.counts.char);
  const wordScale = groupScale(buffer.counts.word);
  const logits = new Float64Array(width);
  for (let k = 0; k < width; k++) {
    let logit = head.biases[k]! + head.scales[k]! * (sums[k]! * charScale + sums[width + k]! * wordScale);
    for (let j = 0; j < heuristics.length; j++) logit += head.heuristicWeights[j * width + k]! * heuristics[j]!;
    logits[k] = logit;
  }
  return logits;
}

export function softmax(logits: Float64Array, temperature: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const logit of logits) max = Math.max(max, logit / temperature);
  const out = new Float64Array(logits.length);
  let total = 0;
  for (let k = 0; k < logits.length; k++) {
    out[k] = Math.exp(logits[k]! / temperature - max);
    total += out[k]!;
  }
  for (let k = 0; k < logits.length; k++) out[k]! /= total;
  return out;
}
