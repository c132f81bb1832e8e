import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RampartError } from "@rampart/guard";
import { readLabelled } from "../bench/dataset.js";
import { formatLineIssues } from "../io/jsonl.js";
import { type BenignSample, calibrate, choose, FALSE_MATCH_BUDGET, renderTable } from "./calibrate.js";
import { readStarterData } from "./starter-data.js";

/**
 * Prints the cross-source calibration table for the starter set's fuzzy threshold
 * (`npm run signatures:calibrate`). Run from packages/rampart/dist/signatures.
 */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, "..", "shared", "data"));

/** Benign sources used to calibrate; every other benign source stays for testing. */
export const CALIBRATION_FILES: readonly string[] = [
  "alpaca.jsonl",
  "arena-hard.jsonl",
  "awesome-chatgpt-prompts.jsonl",
];

async function readBenign(): Promise<BenignSample[]> {
  const samples: BenignSample[] = [];
  for (const file of CALIBRATION_FILES) {
    const path = join(dataDir, "prompts", file);
    for await (const entry of readLabelled(path)) {
      if (!entry.ok) throw new RampartError("INPUT_INVALID", formatLineIssues(path, entry).join("\n"));
      if (entry.value.label === "benign") samples.push({ source: entry.value.source, text: entry.value.text });
    }
  }
  return samples;
}

async function run(): Promise<string> {
  const { templates, payloads } = await readStarterData(dataDir);
  const table = calibrate(templates, payloads, await readBenign());
  const choice = choose(table);
  const verdict =
    choice === undefined
      ? `no setting keeps false matches within ${FALSE_MATCH_BUDGET * 100}% of every calibration source`
      : `chosen: threshold ${choice.threshold} with ${choice.bandRows} rows per band ` +
        `(mean held-out recall ${(100 * choice.recall).toFixed(1)}%, ${choice.falseMatches} false matches)`;
  return `${renderTable(table)}\n${verdict}\n`;
}

try {
  process.stdout.write(await run());
} catch (error) {
  if (!(error instanceof RampartError)) throw error;
  process.stderr.write(`${error.message}\n(set RAMPART_DATA_DIR to the folder that holds prompts/)\n`);
  process.exitCode = 2;
}
