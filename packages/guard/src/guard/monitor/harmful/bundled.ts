import { BUNDLED_OUTPUT_MODEL } from "./bundled-output-model.js";
import { decodeOutputModel, type OutputModel } from "./output-model.js";

let decoded: OutputModel | undefined;

/** The committed output classifier, decoded on first use and shared by every guard after that. */
export function bundledOutputModel(): OutputModel {
  decoded ??= decodeOutputModel(BUNDLED_OUTPUT_MODEL);
  return decoded;
}
