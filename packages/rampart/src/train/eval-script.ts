import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RampartError } from "@rampart/guard";
import { Command } from "commander";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** The options both evaluation scripts share: where the data is, the split's seed, LOSO, writing the card. */
export function evalProgram(name: string, description: string, data: "prompts" | "outputs", card: string): Command {
  return new Command(name)
    .description(description)
    .option(
      "--data <dir>",
      `folder of labelled ${data === "prompts" ? "JSONL files" : "model outputs"}`,
      resolve(process.env.RAMPART_DATA_DIR ?? join(repoRoot, "..", "shared", "data"), data),
    )
    .option("--seed <text>", "seed of the split", "rampart")
    .option("--no-loso", "skip leave-one-source-out")
    .option("--no-write", `print only; leave ${card} as it is`);
}

/** Runs an evaluation script: bad data is a message and exit code 2, anything else a crash to report. */
export async function runEvalScript<Flags>(
  program: Command,
  evaluate: (flags: Flags) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  try {
    await evaluate(program.parse().opts<Flags & Record<string, unknown>>());
  } catch (error) {
    if (!(error instanceof RampartError)) throw error;
    log(error.message);
    process.exitCode = 2;
  }
}
