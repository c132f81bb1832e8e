import { OUTPUT_MODEL_MODULE } from "../train/model-module.js";
import { outputExamples } from "../train/output/output-examples.js";
import { readOutputRows } from "../train/output/output-rows.js";
import { DEFAULT_OUTPUT_OPTIONS, trainOutputModel } from "../train/output/output-train.js";
import { type CliIo, writeLine } from "./io.js";
import { writeModel } from "./write-model.js";

export interface OutputTrainFlags {
  readonly data: string;
  readonly out: string;
  readonly seed: string;
  readonly bits: number;
  readonly l2: number;
  readonly epochs: number;
}

/** `rampart train --kind output`: the stream monitor's classifier, from labelled model outputs. */
export async function trainOutput(flags: OutputTrainFlags, io: CliIo): Promise<void> {
  const started = performance.now();
  const examples = outputExamples(await readOutputRows(flags.data), flags.seed);
  const rowsOf = (split: string) => [...examples.keys()].filter((i) => examples[i]!.split === split);
  const trainRows = rowsOf("train");
  const validationRows = rowsOf("validation");
  const sources = [...new Set(examples.map((e) => e.source))].sort();
  const log = (line: string) => void writeLine(io.stderr, line);
  log(
    `${examples.length} labelled answers from ${sources.length} sources: ${trainRows.length} train, ${validationRows.length} validation`,
  );
  const run = trainOutputModel(
    examples,
    trainRows,
    validationRows,
    { ...DEFAULT_OUTPUT_OPTIONS, bits: flags.bits, l2: flags.l2, epochs: flags.epochs },
    `validation split (seed "${flags.seed}", ${validationRows.length} answers)`,
    log,
  );
  const provenance = [
    `Trained on ${trainRows.length} answers (the train split, seed "${flags.seed}") from ${sources.join(", ")};`,
    `calibrated on ${validationRows.length}; the test split was never read.`,
  ];
  await writeModel(io, flags.out, run.encoded, OUTPUT_MODEL_MODULE, provenance, started);
}
