import type { EncodedModel } from "@rampart/guard";

/**
 * The TypeScript module that ships a model inside the guard, so `createGuard()` loads it without a
 * file system (edge runtimes, browsers). One field per line; the weight tables are base64 strings.
 */
export function renderModelModule(model: EncodedModel, provenance: readonly string[]): string {
  return [
    "// GENERATED FILE: do not edit. Regenerate with `npm run train`",
    "// (packages/rampart/src/train; data from ../shared/data/prompts or RAMPART_DATA_DIR).",
    ...provenance.map((line) => `// ${line}`),
    'import type { EncodedModel } from "./model.js";',
    "",
    `export const BUNDLED_MODEL: EncodedModel = ${JSON.stringify(model, null, 2)};`,
    "",
  ].join("\n");
}
