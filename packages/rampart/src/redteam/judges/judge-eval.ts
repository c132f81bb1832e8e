import type { OutputRow } from "../../train/output/output-rows.js";
import type { Judge } from "./define.js";

/** Precision and recall of one judge on labelled outputs: harmful is positive; refusals and benign answers negative. */
export interface JudgeQuality {
  readonly rows: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number | null;
  readonly recall: number | null;
}

/** Each judge's quality over the rows, overall and per source; leak rows are not about harm and are left out. */
export async function evaluateJudges(
  judges: readonly Judge[],
  rows: readonly OutputRow[],
): Promise<Record<string, { overall: JudgeQuality; bySource: Record<string, JudgeQuality> }>> {
  const scored = rows.filter((row) => row.label !== "leak");
  const entries: [string, { overall: JudgeQuality; bySource: Record<string, JudgeQuality> }][] = [];
  for (const judge of judges) {
    const outcomes: { source: string; harmful: boolean; judged: boolean }[] = [];
    for (const row of scored) {
      const judgement = await judge.judge({
        messages: [{ role: "user", content: row.prompt ?? "" }],
        reply: { text: row.response, blocked: false },
      });
      outcomes.push({ source: row.source, harmful: row.label === "harmful", judged: judgement.success });
    }
    const sources = [...new Set(outcomes.map((o) => o.source))].sort();
    entries.push([
      judge.id,
      {
        overall: quality(outcomes),
        bySource: Object.fromEntries(sources.map((s) => [s, quality(outcomes.filter((o) => o.source === s))])),
      },
    ]);
  }
  return Object.fromEntries(entries);
}

function quality(outcomes: readonly { harmful: boolean; judged: boolean }[]): JudgeQuality {
  const truePositives = outcomes.filter((o) => o.harmful && o.judged).length;
  const falsePositives = outcomes.filter((o) => !o.harmful && o.judged).length;
  const falseNegatives = outcomes.filter((o) => o.harmful && !o.judged).length;
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
  return {
    rows: outcomes.length,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
  };
}
