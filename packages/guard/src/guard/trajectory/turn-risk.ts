import { type Category, isHazard } from "../../core/category.js";
import type { Signal } from "../../core/signal.js";

/**
 * Techniques that say a turn is an attack. Obfuscation is left out (encodings and look-alikes are
 * common in honest text; what a decoded payload says is judged by the other layers), and so are
 * an unscanned oversized turn and this layer's own category.
 */
const ATTACK_TECHNIQUES: ReadonlySet<Category> = new Set(["jailbreak", "prompt-injection", "system-prompt-leak"]);

/**
 * A turn's risk on the policy's scale (flag threshold ≈ 0.5): its strongest attack or hazard signal,
 * or what the classifier said below its flag point, when that is more. The classifier's quiet
 * opinion is what lets turns that each pass the guard add up.
 */
export function turnRisk(signals: readonly Signal[], learned: number): number {
  let risk = learned;
  for (const signal of signals) {
    if (isHazard(signal.category) || ATTACK_TECHNIQUES.has(signal.category)) risk = Math.max(risk, signal.score);
  }
  return Math.min(1, Math.max(0, risk));
}
