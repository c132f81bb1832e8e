/** Where a model's generated module says it comes from, and what it exports. */
export interface ModelModuleShape {
  /** The exported constant, e.g. `BUNDLED_MODEL`. */
  readonly constName: string;
  /** Its type, and the module of the guard that declares it. */
  readonly typeName: string;
  readonly typeModule: string;
  /** The training code and data, for the header. */
  readonly origin: string;
}

export const PROMPT_MODEL_MODULE: ModelModuleShape = {
  constName: "BUNDLED_MODEL",
  typeName: "EncodedModel",
  typeModule: "./model.js",
  origin: "packages/rampart/src/train; data from ../shared/data/prompts or RAMPART_DATA_DIR",
};

export const OUTPUT_MODEL_MODULE: ModelModuleShape = {
  constName: "BUNDLED_OUTPUT_MODEL",
  typeName: "EncodedOutputModel",
  typeModule: "./output-model.js",
  origin: "packages/rampart/src/train/output; data from ../shared/data/outputs",
};

/**
 * The TypeScript module that ships a model inside the guard, so `createGuard()` loads it without a
 * file system (edge runtimes, browsers). One field per line; the weight tables are base64 strings.
 */
export function renderModelModule(model: object, shape: ModelModuleShape, provenance: readonly string[]): string {
  return [
    "// GENERATED FILE: do not edit. Regenerate with `npm run train`",
    `// (${shape.origin}).`,
    ...provenance.map((line) => `// ${line}`),
    `import type { ${shape.typeName} } from "${shape.typeModule}";`,
    "",
    `export const ${shape.constName}: ${shape.typeName} = ${JSON.stringify(model, null, 2)};`,
    "",
  ].join("\n");
}
