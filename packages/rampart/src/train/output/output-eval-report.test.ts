import { describe, expect, it } from "vitest";
import type { StreamOutcome } from "./output-eval.js";
import { renderStreamOutcomes, totals } from "./output-eval-report.js";

function outcome(
  source: string,
  rows: [number, number, number],
  halted: [number, number, number],
  meanHaltFraction: number | null,
): StreamOutcome {
  const [benign, refusal, harmful] = rows;
  return {
    source,
    rows: { benign, refusal, harmful },
    halted: { benign: halted[0], refusal: halted[1], harmful: halted[2] },
    meanHaltFraction,
  };
}

const OUTCOMES = [
  outcome("alpaca-eval", [200, 0, 0], [1, 0, 0], null),
  outcome("gptfuzz", [0, 40, 60], [0, 2, 54], 0.2),
  outcome("jbb", [10, 10, 20], [0, 0, 10], 0.5),
];

describe("totals", () => {
  it("adds the rows and halts of every source, and weighs each source's point of halt by its halted harmful answers", () => {
    const all = totals(OUTCOMES);
    expect(all.source).toBe("all");
    expect(all.rows).toEqual({ benign: 210, refusal: 50, harmful: 80 });
    expect(all.halted).toEqual({ benign: 1, refusal: 2, harmful: 64 });
    expect(all.meanHaltFraction).toBeCloseTo((0.2 * 54 + 0.5 * 10) / 64, 12);
  });

  it("has no point of halt when no harmful answer was halted", () => {
    expect(totals([OUTCOMES[0]!, outcome("x", [1, 1, 3], [0, 0, 0], null)]).meanHaltFraction).toBeNull();
    expect(totals([]).meanHaltFraction).toBeNull();
  });
});

describe("renderStreamOutcomes", () => {
  const lines = renderStreamOutcomes(OUTCOMES, "Model `m`, on the test split.").split("\n");
  const table = lines.filter((line) => line.startsWith("| "));
  const cells = (line: string) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());

  it("starts with the note, then a table with a row per source and an 'all' row", () => {
    expect(lines[0]).toBe("Model `m`, on the test split.");
    expect(cells(table[0]!)).toEqual([
      "source",
      "harmful",
      "halted",
      "mean point of halt",
      "benign",
      "halted",
      "refusal",
      "halted",
    ]);
    expect(table.slice(1).map((line) => cells(line)[0])).toEqual(["alpaca-eval", "gptfuzz", "jbb", "**all**"]);
  });

  it("gives each class's halted share, its count, and the mean point of halt as percentages", () => {
    expect(cells(table[2]!)).toEqual(["gptfuzz", "60", "90.0%", "20%", "0", "–", "40", "5.0%"]);
    expect(cells(table[3]!)).toEqual(["jbb", "20", "50.0%", "50%", "10", "0.0%", "10", "0.0%"]);
    expect(cells(table[4]!)).toEqual(["**all**", "80", "**80.0%**", "**25%**", "210", "**0.5%**", "50", "**4.0%**"]);
  });

  it("writes – for a class a source has no answers of, and for a point of halt nothing gave", () => {
    expect(cells(table[1]!)).toEqual(["alpaca-eval", "0", "–", "–", "200", "0.5%", "0", "–"]);
    const none = renderStreamOutcomes([outcome("empty", [0, 0, 0], [0, 0, 0], null)], "n").split("\n");
    const all = none.find((line) => line.startsWith("| **all**"))!;
    expect(cells(all)).toEqual(["**all**", "0", "**–**", "–", "0", "**–**", "0", "**–**"]);
  });

  it("ends with the targets the table is read against", () => {
    expect(lines.at(-1)).toMatch(/^Targets: ≥ 90% of harmful answers halted/);
  });
});
