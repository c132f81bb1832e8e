/**
 * `npm run eval:output`: the output classifier's honest evaluation, streamed as the monitor reads
 * it. (a) Trained on the train split, tested on the test split; (b) leave one source out. Prints
 * both tables and writes them into docs/output-model.md between its markers. A script, not a
 * library: it is the one place in train/output that prints.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledOutputModel } from "@rampart/guard";
import { processIo } from "../../cli/io.js";
import { replaceSection } from "../doc-sections.js";
import { evalProgram, runEvalScript } from "../eval-script.js";
import { leaveOneSourceOutStreams, streamOutcomes } from "./output-eval.js";
import { renderStreamOutcomes } from "./output-eval-report.js";
import { outputExamples } from "./output-examples.js";
import { readOutputRows } from "./output-rows.js";
import { DEFAULT_OUTPUT_OPTIONS, trainOutputModel } from "./output-train.js";

const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const MODEL_CARD = join(repoRoot, "docs", "output-model.md");
const io = processIo();
const log = (line: string) => io.stderr.write(`${line}\n`);

async function write(path: string, name: string, body: string): Promise<void> {
  await replaceSection(path, name, body, "npm run eval:output");
  log(`wrote ${path} (${name})`);
}

interface EvalFlags {
  readonly data: string;
  readonly seed: string;
  readonly loso: boolean;
  readonly write: boolean;
}

async function evaluate(flags: EvalFlags): Promise<void> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const options = DEFAULT_OUTPUT_OPTIONS;
  const examples = outputExamples(await readOutputRows(flags.data), flags.seed);
  const rowsOf = (split: string) => [...examples.keys()].filter((i) => examples[i]!.split === split);
  const validationRows = rowsOf("validation");
  const run = trainOutputModel(
    examples,
    rowsOf("train"),
    validationRows,
    options,
    `validation split (seed "${flags.seed}", ${validationRows.length} answers)`,
    log,
  );
  const reproduced = run.encoded.sha256 === bundledOutputModel().sha256;
  log(`trained ${run.encoded.id} (${elapsed()}); committed model ${reproduced ? "reproduced" : "NOT reproduced"}`);
  const random = renderStreamOutcomes(
    streamOutcomes(run.model, examples, rowsOf("test"), options.chunk),
    `Model \`${run.encoded.id}\` (${reproduced ? "the committed model, reproduced byte for byte" : "differs from the committed model"}), ` +
      `on the test split (${rowsOf("test").length} answers never read in training or calibration), streamed ${options.chunk} characters at a time.`,
  );
  process.stdout.write(`## Random split\n\n${random}\n\n`);
  if (flags.write) await write(MODEL_CARD, "output-random", random);
  if (flags.loso) {
    const folds = leaveOneSourceOutStreams(examples, options, flags.seed, (source) =>
      log(`without ${source} (${elapsed()})`),
    );
    const table = renderStreamOutcomes(
      folds,
      "Each row: a model trained and calibrated without that source, streamed over all of its answers.",
    );
    process.stdout.write(`## Leave one source out\n\n${table}\n`);
    if (flags.write) await write(MODEL_CARD, "output-loso", table);
  }
  log(`done (${elapsed()})`);
}

const program = evalProgram(
  "eval-output",
  "evaluate the output classifier as streamed: random split, then leave one source out",
  "outputs",
  "docs/output-model.md",
);

await runEvalScript(program, evaluate, log);
