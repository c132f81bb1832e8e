import type { LinearHead } from "../../classifier/model.js";
import type { OutputModel } from "./output-model.js";
import { OutputScorer } from "./output-scorer.js";

/**
 * When the output classifier's verdict is read: not before `minChars` characters, then again after
 * every `stride` new ones, and at the end. Training calibrates its halt point with this same rule,
 * so the false-positive rate it was chosen for is the one a stream sees.
 */
export class StreamJudge {
  readonly scorer: OutputScorer;
  private scoredAt = -1;

  constructor(
    readonly model: OutputModel,
    promptHead: LinearHead<string> | null,
    request?: Float64Array,
  ) {
    this.scorer = new OutputScorer(model, promptHead, request);
  }

  /** P(harmful) of the output so far when this push reaches a reading point, else null. */
  push(text: string): number | null {
    this.scorer.push(text);
    const { minChars, stride } = this.model.operatingPoints;
    const at = this.scorer.position;
    if (at < minChars || (this.scoredAt >= 0 && at - this.scoredAt < stride)) return null;
    this.scoredAt = at;
    return this.scorer.harmful();
  }

  /** P(harmful) of the whole output. */
  end(): number {
    this.scorer.end();
    return this.scorer.harmful();
  }
}
