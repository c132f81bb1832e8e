/**
 * `npm run eval`: the classifier's honest evaluation. (a) The training recipe on the train split,
 * tested on the test split, with and without the classifier in the guard; (b) leave one source
 * out, for every source. Prints both tables and writes them into docs/model.md between its
 * markers. A script, not a library: it is the one place in train/ that prints.
 */
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledModel } from "@rampart/guard";
import { processIo } from "../cli/io.js";
import { STARTER_SOURCES } from "../signatures/starter-data.js";
import { replaceSection } from "./doc-sections.js";
import { renderLeaveOneSourceOut, renderRandomSplit } from "./eval-report.js";
import { evalProgram, runEvalScript } from "./eval-script.js";
import { type FoldResult, leaveOneSourceOut, scoreRows, summarise } from "./evaluate.js";
import { describeSplit, fittingRows, prepareData, rowsWhere } from "./prepare.js";
import { DEFAULT_TRAIN_OPTIONS, trainClassifier } from "./train-model.js";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const MODEL_CARD = join(repoRoot, "docs", "model.md");
const io = processIo();
const log = (line: string) => io.stderr.write(`${line}\n`);

async function write(path: string, name: string, body: string): Promise<void> {
  await replaceSection(path, name, body, "npm run eval");
  log(`wrote ${path} (${name})`);
}

const SIGNATURE_SOURCES = STARTER_SOURCES.filter((s) => s.template !== undefined).map((s) =>
  basename(s.file, ".jsonl"),
);

interface EvalFlags {
  readonly data: string;
  readonly seed: string;
  readonly loso: boolean;
  readonly only?: string[];
  readonly write: boolean;
}

async function evaluate(flags: EvalFlags): Promise<void> {
  const started = performance.now();
  const options = DEFAULT_TRAIN_OPTIONS;
  const data = await prepareData(flags.data, flags.seed, options.bits);
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  log(`featurised ${data.examples.length} prompts (${elapsed()})`);

  const trainRows = fittingRows(data.examples, "train");
  const validationRows = fittingRows(data.examples, "validation");
  const testRows = rowsWhere(data.examples, ["test"]);
  const chosenOn = describeSplit(flags.seed, validationRows.length);
  const run = trainClassifier(data, trainRows, validationRows, options, chosenOn, log);
  const reproduced = run.encoded.sha256 === bundledModel().sha256;
  log(`trained ${run.encoded.id} (${elapsed()}); committed model ${reproduced ? "reproduced" : "NOT reproduced"}`);
  const randomSplit = renderRandomSplit({
    testRows: testRows.length,
    heuristicsOnly: summarise(scoreRows(data, testRows, null)),
    withClassifier: summarise(scoreRows(data, testRows, run.model)),
  });
  const random = [
    `Model \`${run.encoded.id}\` (${reproduced ? "the committed model, reproduced byte for byte" : "differs from the committed model"}).`,
    "",
    randomSplit,
  ].join("\n");
  process.stdout.write(`## Random split\n\n${random}\n\n`);
  if (flags.write) await write(MODEL_CARD, "random", random);

  if (flags.loso) {
    const sources = [...new Set(data.examples.map((e) => e.source))]
      .sort()
      .filter((source) => flags.only === undefined || flags.only.includes(source));
    const folds: FoldResult[] = [];
    for (const source of sources) {
      folds.push(leaveOneSourceOut(data, source, options, (line) => log(`${line} (${elapsed()})`)));
    }
    const table = renderLeaveOneSourceOut(folds, SIGNATURE_SOURCES);
    process.stdout.write(`## Leave one source out\n\n${table}\n`);
    if (flags.write && flags.only === undefined) await write(MODEL_CARD, "loso", table);
  }
  log(`done (${elapsed()})`);
}

const program = evalProgram(
  "eval",
  "evaluate the classifier: random split, then leave one source out",
  "prompts",
  "docs/model.md",
).option("--only <sources...>", "leave out only these sources");

await runEvalScript(program, evaluate, log);
