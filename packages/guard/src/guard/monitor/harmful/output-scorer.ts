import type { LinearHead } from "../../classifier/model.js";
import { softmax } from "../../classifier/score.js";
import type { OutputModel } from "./output-model.js";
import { RunningHead } from "./running-head.js";
import { StreamFeatures } from "./stream-features.js";

const HARMFUL = 2;
const NO_FEATURES = new Float64Array(0);

/**
 * The output classifier over a stream: every n-gram's int8 weights are added to running integer
 * sums once, when the n-gram completes, so scoring the output so far costs a handful of
 * operations whatever its length. When the model reads the prompt classifier's opinion of the
 * output too (its log-odds of each attack class against benign, a topic sense learnt from far more
 * harmful requests than there are harmful answers), that head runs over the same n-grams.
 */
export class OutputScorer {
  private readonly features = new StreamFeatures();
  private readonly output: RunningHead;
  private readonly prompt: RunningHead | null;

  /**
   * `request` is what the model reads of the request (see `requestFeatures`), fixed for the
   * stream; empty for a model that does not read it.
   */
  constructor(
    private readonly model: OutputModel,
    promptHead: LinearHead<string> | null,
    private readonly request: Float64Array = NO_FEATURES,
  ) {
    this.output = new RunningHead(model.head);
    this.prompt = promptHead === null ? null : new RunningHead(promptHead);
  }

  get position(): number {
    return this.features.position;
  }

  /** True while the output so far ends inside a word, whose n-grams are not counted yet. */
  get midWord(): boolean {
    return this.features.midWord;
  }

  push(text: string): void {
    this.add(this.features.push(text));
  }

  end(): void {
    this.add(this.features.end());
  }

  /**
   * The features the output head reads besides n-grams: the prompt head's log-odds against benign
   * of the output so far, then the request's.
   */
  extraFeatures(): Float64Array {
    if (this.prompt === null) return NO_FEATURES;
    const logits = this.prompt.logits(this.features, NO_FEATURES);
    const extra = new Float64Array(logits.length - 1 + this.request.length);
    for (let k = 1; k < logits.length; k++) extra[k - 1] = logits[k]! - logits[0]!;
    extra.set(this.request, logits.length - 1);
    return extra;
  }

  /** The head's logits for the output so far, before temperature. */
  logits(): Float64Array {
    return this.output.logits(this.features, this.extraFeatures());
  }

  /** Calibrated class probabilities of the output so far. */
  probabilities(): Float64Array {
    return softmax(this.logits(), this.model.temperature);
  }

  harmful(): number {
    return this.probabilities()[HARMFUL]!;
  }

  private add(features: StreamFeatures): void {
    this.output.add(features);
    this.prompt?.add(features);
  }
}
