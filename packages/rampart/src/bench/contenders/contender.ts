import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Check } from "../run.js";

export interface ContenderOptions {
  /**
   * Lift input-size limits, so a large input is scanned rather than refused: the linear-cost check
   * measures scanning. Off everywhere else, where each contender runs as it ships.
   */
  readonly scanLargeInputs: boolean;
}

/** One detector in the benchmark report: the guard in some configuration, or a peer from npm. */
export interface Contender {
  readonly id: string;
  /** npm package measured; its installed version goes in the report. */
  readonly npm: string;
  /** What it is, for the report. */
  readonly description: string;
  /** How it is called and what counts as a detection, for the report. */
  readonly method: string;
  /** When set, it sees at most this many rows of each source (a fixed subsample): for slow contenders. */
  readonly rowsPerSource?: number;
  /** Loads what it needs (models, signatures) and returns its yes/no check. */
  load(options: ContenderOptions): Promise<Check>;
}

export function defineContender(contender: Contender): Contender {
  return contender;
}

/** The installed version of a package, found from its entry point (ESM-only packages export no package.json). */
export async function installedVersion(name: string): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name && manifest.version !== undefined) return manifest.version;
    } catch {
      // No manifest at this level: keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}
