import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RampartError } from "@rampart/guard";
import { buildStarterSet, STARTER_THRESHOLD } from "./build-starter.js";
import { readStarterData, STARTER_SOURCES } from "./starter-data.js";
import { renderStarterModule } from "./starter-module.js";

/**
 * Regenerates the guard's starter signature set (`npm run signatures`). Run from
 * packages/rampart/dist/signatures; the repository root is four levels up.
 */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, "..", "shared", "data"));
const target = join(root, "packages", "guard", "src", "guard", "signatures", "starter-set.ts");

async function regenerate(): Promise<string> {
  const { templates, payloads } = await readStarterData(dataDir);
  const set = buildStarterSet(templates, payloads, { threshold: STARTER_THRESHOLD });
  const fuzzy = set.signatures.filter((s) => s.kind === "fuzzy").length;
  const files = STARTER_SOURCES.filter((s) => s.template !== undefined).map((s) => s.file);
  const source = renderStarterModule(set, [
    `Derived from ${templates.length} jailbreak templates in ${files.join(", ")};`,
    `${fuzzy} template families (fuzzy, threshold ${STARTER_THRESHOLD}) and ${set.signatures.length - fuzzy} distinct prompts (exact).`,
  ]);
  await writeFile(target, source);
  return `${target}: ${set.signatures.length} signatures, ${(source.length / 1024).toFixed(0)} KB`;
}

try {
  process.stdout.write(`${await regenerate()}\n`);
} catch (error) {
  if (!(error instanceof RampartError)) throw error;
  process.stderr.write(`${error.message}\n(set RAMPART_DATA_DIR to the folder that holds prompts/)\n`);
  process.exitCode = 2;
}
