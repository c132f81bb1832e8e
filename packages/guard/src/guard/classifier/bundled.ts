import { BUNDLED_MODEL } from "./bundled-model.js";
import { type ClassifierModel, decodeModel } from "./model.js";

let decoded: ClassifierModel | undefined;

/** The committed model, decoded on first use and shared by every guard after that. */
export function bundledModel(): ClassifierModel {
  decoded ??= decodeModel(BUNDLED_MODEL);
  return decoded;
}
