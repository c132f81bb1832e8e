import type { EncodedOutputModel } from "@rampart/guard";

/** The TypeScript module that ships the output classifier inside the guard (no file system needed to load it). */
export function renderOutputModelModule(model: EncodedOutputModel, provenance: readonly string[]): string {
  return [
    "// GENERATED FILE: do not edit. Regenerate with `npm run train`",
    "// (packages/rampart/src/train/output; data from ../shared/data/outputs).",
    ...provenance.map((line) => `// ${line}`),
    'import type { EncodedOutputModel } from "./output-model.js";',
    "",
    `export const BUNDLED_OUTPUT_MODEL: EncodedOutputModel = ${JSON.stringify(model, null, 2)};`,
    "",
  ].join("\n");
}
