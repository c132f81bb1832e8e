import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { PROMPT_MODEL_MODULE } from "../train/model-module.js";
import { describeSplit, fittingRows, prepareData } from "../train/prepare.js";
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions, trainClassifier } from "../train/train-model.js";
import type { CommandContext } from "./command.js";
import { defaultDataDir } from "./data-dir.js";
import { type CliIo, type Progress, progressBar, writeLine } from "./io.js";
import { trainOutput } from "./train-output.js";
import { writeModel } from "./write-model.js";

interface TrainFlags {
  readonly kind: "prompt" | "output";
  readonly data: string;
  readonly out: string;
  readonly seed: string;
  readonly bits: number;
  readonly l2: number;
  readonly epochs: number;
}

export function registerTrain(program: Command, context: CommandContext): void {
  program
    .command("train")
    .description("train a learned classifier on labelled JSONL files (80% train, 10% validation, 10% test)")
    .addOption(
      new Option(
        "--kind <kind>",
        "prompt: the input classifier; output: the stream monitor's (reads the bundled prompt classifier)",
      )
        .choices(["prompt", "output"])
        .default("prompt"),
    )
    .option(
      "--data <dir>",
      "folder of labelled JSONL files: prompts {id, text, label, kind, source, category?} (default ../shared/data/prompts), or for --kind output model outputs {id, prompt, response, label, source} (default ../shared/data/outputs)",
    )
    .option("--out <file>", "the model: .json for `--model`, .ts for the guard's bundled module", "rampart-model.json")
    .option("--seed <text>", "seed of the split (a hash of each text with it)", "rampart")
    .option("--bits <n>", "log2 of the hashed feature table", integer(10, 22), DEFAULT_TRAIN_OPTIONS.bits)
    .option("--l2 <lambda>", "L2 penalty", positive, DEFAULT_TRAIN_OPTIONS.l2)
    .option("--epochs <n>", "passes of SGD over the training split", integer(1, 1000), DEFAULT_TRAIN_OPTIONS.epochs)
    .action(async (flags: Omit<TrainFlags, "data"> & { data?: string }) => {
      if (flags.kind === "output") {
        await trainOutput({ ...flags, data: flags.data ?? join(defaultDataDir(), "..", "outputs") }, context.io);
      } else {
        await train({ ...flags, data: flags.data ?? defaultDataDir() }, context.io);
      }
    });
}

async function train(flags: TrainFlags, io: CliIo): Promise<void> {
  const started = performance.now();
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, bits: flags.bits, l2: flags.l2, epochs: flags.epochs };
  let progress: Progress | undefined;
  const data = await prepareData(flags.data, flags.seed, options.bits, (_, total) => {
    progress ??= progressBar(io, total, "prompts featurised");
    progress.increment(1);
  });
  progress?.stop();
  const trainRows = fittingRows(data.examples, "train");
  const validationRows = fittingRows(data.examples, "validation");
  const log = (line: string) => void writeLine(io.stderr, line);
  const total = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  log(
    `${total(data.duplicates)} repeated texts dropped, ${total(data.conflicts)} of them labelled differently where they repeat (the first label kept)`,
  );
  log(
    `${data.examples.length} prompts from ${data.files.length} files: ${trainRows.length} train, ${validationRows.length} validation`,
  );
  const run = trainClassifier(
    data,
    trainRows,
    validationRows,
    options,
    describeSplit(flags.seed, validationRows.length),
    log,
  );
  const provenance = [
    `Trained on ${trainRows.length} prompts (the train split, seed "${flags.seed}") from ${data.files.join(", ")};`,
    `calibrated on ${validationRows.length}; the test split was never read. Options: bits ${options.bits}, hazard bits ${options.hazardBits}, l2 ${options.l2}.`,
  ];
  await writeModel(io, flags.out, run.encoded, PROMPT_MODEL_MODULE, provenance, started);
}

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return parsed;
  };
}

function positive(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed)) throw new InvalidArgumentError("expected a positive number");
  return parsed;
}
