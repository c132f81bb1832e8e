import type { OutputClass, OutputModel } from "@rampart/guard";
import type { OutputExample } from "./output-examples.js";
import { type OutputTrainOptions, streamPeak, trainOutputModel } from "./output-train.js";

/** How one source's answers fare when streamed through the output classifier. */
export interface StreamOutcome {
  readonly source: string;
  readonly rows: Readonly<Record<OutputClass, number>>;
  readonly halted: Readonly<Record<OutputClass, number>>;
  /** Mean of (characters read when halted) / (answer length), over the halted harmful answers. */
  readonly meanHaltFraction: number | null;
}

export function streamOutcomes(
  model: OutputModel,
  examples: readonly OutputExample[],
  rows: readonly number[],
  chunk: number,
): StreamOutcome[] {
  const bySource = new Map<string, number[]>();
  for (const row of rows) {
    const source = examples[row]!.source;
    bySource.set(source, [...(bySource.get(source) ?? []), row]);
  }
  return [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, sourceRows]) => {
      const counts = { benign: 0, refusal: 0, harmful: 0 };
      const halted = { benign: 0, refusal: 0, harmful: 0 };
      let fractions = 0;
      for (const row of sourceRows) {
        const example = examples[row]!;
        counts[example.label]++;
        const { haltedAt } = streamPeak(model, example, chunk, model.operatingPoints.halt);
        if (haltedAt === null) continue;
        halted[example.label]++;
        if (example.label === "harmful") fractions += haltedAt / Math.max(1, example.text.length);
      }
      return { source, rows: counts, halted, meanHaltFraction: halted.harmful > 0 ? fractions / halted.harmful : null };
    });
}

/**
 * For each source: a model trained and calibrated without it, streamed over all of its answers:
 * how the monitor does on a kind of answer (a model, a language, an attack) it has never seen.
 */
export function leaveOneSourceOutStreams(
  examples: readonly OutputExample[],
  options: OutputTrainOptions,
  seed: string,
  onFold: (source: string) => void = () => {},
): StreamOutcome[] {
  const sources = [...new Set(examples.map((e) => e.source))].sort();
  return sources.flatMap((held) => {
    onFold(held);
    const rowsOf = (split: OutputExample["split"]) =>
      [...examples.keys()].filter((i) => examples[i]!.source !== held && examples[i]!.split === split);
    const run = trainOutputModel(
      examples,
      rowsOf("train"),
      rowsOf("validation"),
      options,
      `validation split without ${held} (seed "${seed}")`,
    );
    const heldRows = [...examples.keys()].filter((i) => examples[i]!.source === held);
    return streamOutcomes(run.model, examples, heldRows, options.chunk);
  });
}
