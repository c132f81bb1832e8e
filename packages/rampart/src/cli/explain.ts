import type { Attribution, Verdict } from "@rampart/guard";
import type { Command } from "commander";
import type { CommandContext } from "./command.js";
import { type GuardFlags, guardFrom, textFrom, withGuardOptions } from "./guard-options.js";
import { colourWanted } from "./io.js";
import { ANSI_MARK, BRACKETS, DEFAULT_HIGHLIGHT, highlight, mergeSpans } from "./render/highlight.js";

export function registerExplain(program: Command, context: CommandContext): void {
  const command = program
    .command("explain")
    .description("screen one text and show why: the text with the spans that mattered marked, then each signal")
    .argument("[text]", "text to explain (default: stdin when piped)");
  withGuardOptions(command).action(async (text: string | undefined, flags: GuardFlags) => {
    const guard = await guardFrom(flags);
    const input = await textFrom(text, context.io, command);
    context.io.stdout.write(explainVerdict(input, guard.check(input), colourWanted(context.io)));
  });
}

/** The whole explanation as printed; pure, so it is tested without a terminal. */
export function explainVerdict(text: string, verdict: Verdict, colour: boolean): string {
  const marks = mergeSpans(
    verdict.signals.flatMap((signal) => signal.spans),
    text.length,
  );
  const style = colour ? ANSI_MARK : BRACKETS;
  const lines = [highlight(text, marks, { style, ...DEFAULT_HIGHLIGHT }), ""];
  const action = colour ? `${ACTION_COLOUR[verdict.action]}${verdict.action}\u001b[0m` : verdict.action;
  lines.push(`action: ${action}   risk: ${verdict.risk.toFixed(3)}   time: ${verdict.micros} µs`);
  if (verdict.categories.length > 0) lines.push(`categories: ${verdict.categories.join(", ")}`);
  if (verdict.signals.length === 0) {
    lines.push("signals: none");
  } else {
    lines.push(`signals (${verdict.signals.length}):`);
    for (const signal of verdict.signals) {
      const where = signal.spans.map((span) => `${span.start}–${span.end}`).join(", ");
      lines.push(
        `  ${signal.detector}  ${signal.category}  score ${signal.score.toFixed(2)}${where ? `  at ${where}` : ""}`,
      );
      lines.push(`    ${signal.reason}`);
      if (signal.attributions !== undefined) lines.push(...attributionLines(signal.attributions));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A learned signal's terms, each with its exact share of the log-odds and where it occurs. */
function attributionLines(attributions: readonly Attribution[]): string[] {
  const lines = ["    log-odds against benign, term by term:"];
  for (const term of attributions) {
    const weight = `${term.weight >= 0 ? "+" : "−"}${Math.abs(term.weight).toFixed(3)}`;
    const where = term.spans.map((span) => `${span.start}–${span.end}`).join(", ");
    lines.push(`      ${weight.padStart(8)}  ${term.feature}${where ? `  at ${where}` : ""}`);
  }
  return lines;
}

const ACTION_COLOUR: Readonly<Record<Verdict["action"], string>> = {
  allow: "\u001b[32m",
  flag: "\u001b[33m",
  redact: "\u001b[33m",
  block: "\u001b[1;31m",
  halt: "\u001b[1;31m",
};
