import { writeFile } from "node:fs/promises";
import { type ModelModuleShape, renderModelModule } from "../train/model-module.js";
import { type CliIo, writeLine } from "./io.js";

/**
 * Writes a trained model to `out`: the guard's module form for a `.ts` path, JSON otherwise; then
 * says what was written, how big, and how long training took since `started`.
 */
export async function writeModel(
  io: CliIo,
  out: string,
  model: { readonly id: string },
  shape: ModelModuleShape,
  provenance: readonly string[],
  started: number,
): Promise<void> {
  const text = out.endsWith(".ts") ? renderModelModule(model, shape, provenance) : `${JSON.stringify(model)}\n`;
  await writeFile(out, text);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  await writeLine(io.stdout, `${model.id} → ${out} (${(text.length / 1024 / 1024).toFixed(2)} MB) in ${seconds} s`);
}
