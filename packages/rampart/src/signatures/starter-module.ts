import type { SignatureSet } from "@rampart/guard";

/**
 * The TypeScript module that ships a signature set inside the guard: one signature per line, so a
 * regenerated set diffs line by line, and a header saying it is generated and how to regenerate it.
 */
export function renderStarterModule(set: SignatureSet, provenance: readonly string[]): string {
  const header = [
    "// GENERATED FILE: do not edit. Regenerate with `npm run signatures`",
    "// (packages/rampart/src/signatures/build-starter-cli.ts; data from ../shared/data or RAMPART_DATA_DIR).",
    ...provenance.map((line) => `// ${line}`),
    "// Signatures are hashes and sketches of canonical text, never the prompts themselves.",
  ];
  const body = set.signatures.map((signature) => `    ${JSON.stringify(signature)},`);
  return [
    ...header,
    'import type { SignatureSet } from "./signature-set.js";',
    "",
    "export const STARTER_SIGNATURES: SignatureSet = {",
    "  version: 1,",
    `  name: ${JSON.stringify(set.name)},`,
    "  signatures: [",
    ...body,
    "  ],",
    "};",
    "",
  ].join("\n");
}
