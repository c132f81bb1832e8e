import type { LinearHead } from "../../classifier/model.js";
import { groupScale } from "../../classifier/score.js";
import type { StreamFeatures } from "./stream-features.js";

/** A linear head's text sums over a stream, kept as integers per group and class until a reading. */
export class RunningHead {
  /** sums[group * classes + class], in units of the head's int8 weights. */
  private readonly sums: Float64Array;
  private readonly width: number;
  private readonly mask: number;

  constructor(readonly head: LinearHead<string>) {
    this.width = head.labels.length;
    this.sums = new Float64Array(2 * this.width);
    this.mask = (1 << head.bits) - 1;
  }

  add(features: StreamFeatures): void {
    const { sums, width, mask } = this;
    const { weights } = this.head;
    const { hashes, groups, length } = features;
    for (let i = 0; i < length; i++) {
      const base = (hashes[i]! & mask) * width;
      const offset = groups[i]! * width;
      for (let k = 0; k < width; k++) sums[offset + k]! += weights[base + k]!;
    }
  }

  /** Logits before temperature: bias, the text sums scaled by 1/√count per group, and `extra` features. */
  logits(features: StreamFeatures, extra: Float64Array): Float64Array {
    const { head, width, sums } = this;
    const charScale = groupScale(features.charCount);
    const wordScale = groupScale(features.wordCount);
    const logits = new Float64Array(width);
    for (let k = 0; k < width; k++) {
      let logit = head.biases[k]! + head.scales[k]! * (sums[k]! * charScale + sums[width + k]! * wordScale);
      for (let j = 0; j < extra.length; j++) logit += head.heuristicWeights[j * width + k]! * extra[j]!;
      logits[k] = logit;
    }
    return logits;
  }
}
