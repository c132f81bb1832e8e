import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export interface StartUp {
  /** Importing the guard package (its code and the bundled model's module). */
  readonly importMillis: number;
  /** The first createGuard(): decoding the bundled model. */
  readonly firstGuardMillis: number;
  /** Resident set size after one check, with the model loaded. */
  readonly rssMiB: number;
  /** The same in a process that imports the guard but never builds one (the model is decoded on first use). */
  readonly baselineRssMiB: number;
}

const GUARD = fileURLToPath(new URL("../../../guard/dist/index.js", import.meta.url));

function script(withGuard: boolean): string {
  return [
    "const started = performance.now();",
    `const { createGuard } = await import(${JSON.stringify(GUARD)});`,
    "const imported = performance.now();",
    withGuard ? 'createGuard().check("How do I bake bread?");' : "",
    "const built = performance.now();",
    "globalThis.gc?.();",
    "process.stdout.write(JSON.stringify({ imported: imported - started, built: built - imported, rss: process.memoryUsage().rss }));",
  ].join("\n");
}

/** Measured in fresh processes, so nothing the benchmark already loaded is counted or saved. */
export async function measureStartUp(): Promise<StartUp> {
  const run = async (withGuard: boolean) => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--expose-gc",
      "--input-type=module",
      "-e",
      script(withGuard),
    ]);
    return JSON.parse(stdout) as { imported: number; built: number; rss: number };
  };
  const withGuard = await run(true);
  const baseline = await run(false);
  return {
    importMillis: withGuard.imported,
    firstGuardMillis: withGuard.built,
    rssMiB: withGuard.rss / 2 ** 20,
    baselineRssMiB: baseline.rss / 2 ** 20,
  };
}
