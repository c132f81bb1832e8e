import type { Message } from "../../../core/message.js";
import type { ClassifierModel } from "../../classifier/model.js";
import { headLogits } from "../../classifier/score.js";
import { canonicalise } from "../../views/canonicalise.js";

/** The request is read from its end: the last turn's closing words carry the ask, and a huge turn stays cheap. */
const REQUEST_TAIL_CHARS = 16 * 1024;

/**
 * The prompt classifier's log-odds of jailbreak, injection and harmful against benign for the
 * request's last user turn (its canonical view, heuristics unread), then 1; all zeros when the
 * request has no user turn.
 */
export function requestFeatures(prompt: ClassifierModel, messages: readonly Message[]): Float64Array {
  const features = new Float64Array(4);
  let last: Message | undefined;
  for (const message of messages) if (message.role === "user") last = message;
  if (last === undefined) return features;
  const text = canonicalise(last.content.slice(-REQUEST_TAIL_CHARS)).views[0]!.text;
  const logits = headLogits(prompt.main, text, new Float64Array(prompt.heuristics.length));
  for (let k = 1; k < logits.length; k++) features[k - 1] = logits[k]! - logits[0]!;
  features[3] = 1;
  return features;
}
