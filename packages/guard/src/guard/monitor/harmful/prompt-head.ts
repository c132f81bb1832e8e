import { RampartError } from "../../../core/errors.js";
import { bundledModel } from "../../classifier/bundled.js";
import type { ClassifierModel, LinearHead } from "../../classifier/model.js";
import type { OutputModel } from "./output-model.js";

/**
 * The prompt classifier head an output model was trained to read, or null when it reads none.
 * A model names the prompt classifier by id, so pairing it with another one is refused, not
 * silently wrong.
 */
export function promptHeadOf(
  model: OutputModel,
  prompt: ClassifierModel | null = bundledModel(),
): LinearHead<string> | null {
  return promptClassifierOf(model, prompt)?.main ?? null;
}

/** The prompt classifier itself, checked the same way. */
export function promptClassifierOf(
  model: OutputModel,
  prompt: ClassifierModel | null = bundledModel(),
): ClassifierModel | null {
  if (model.promptClassifier === null) return null;
  if (prompt === null || prompt.id !== model.promptClassifier) {
    throw new RampartError(
      "MODEL_INVALID",
      `output classifier ${model.id} reads prompt classifier ${model.promptClassifier}, but ${prompt?.id ?? "none"} is loaded: retrain it with \`npm run train\``,
    );
  }
  return prompt;
}
