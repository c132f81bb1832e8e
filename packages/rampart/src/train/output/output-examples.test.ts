import { describe, expect, it } from "vitest";
import { mulberry32 as seeded } from "../seeded-random.js";
import { outputExamples } from "./output-examples.js";
import type { OutputLabel, OutputRow } from "./output-rows.js";

const WORDS =
  "apple river stone cloud garden lantern violin marble harbor pepper meadow candle bridge falcon copper velvet orchard thunder canyon ember willow saddle pebble quartz tulip walnut cedar maple otter raven comet lagoon".split(
    " ",
  );

/** An answer of `n` random words: two of them share almost no word triples. */
function answer(random: () => number, n = 40): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
}

function row(id: number, response: string, label: OutputLabel = "benign"): OutputRow {
  return { id, prompt: `question ${id}`, response, label, source: `source-${id % 3}` };
}

function distinctRows(count: number, seed = 1): OutputRow[] {
  const random = seeded(seed);
  const labels: OutputLabel[] = ["benign", "refusal", "harmful"];
  return Array.from({ length: count }, (_, i) => row(i, answer(random), labels[i % 3]));
}

describe("outputExamples", () => {
  it("keeps every row but the leaks, as examples of the output classifier's classes", () => {
    const rows: OutputRow[] = [
      row(1, "Here is a bread recipe.", "benign"),
      { ...row(2, "The key is sk-live-123.", "leak"), secret: "sk-live-123" },
      { id: "three", prompt: null, response: "Sorry, I can't help.", label: "refusal", source: "s" },
      row(4, "Step 1: get the explosive.", "harmful"),
    ];
    const examples = outputExamples(rows, "rampart");
    expect(examples.map((e) => [e.id, e.label, e.text])).toEqual([
      ["1", "benign", "Here is a bread recipe."],
      ["three", "refusal", "Sorry, I can't help."],
      ["4", "harmful", "Step 1: get the explosive."],
    ]);
    expect(examples[1]).toMatchObject({ prompt: null, source: "s" });
    expect(examples[0]).toMatchObject({ prompt: "question 1", source: "source-1" });
  });

  it("places examples in train, validation and test, about 80/10/10, the same way for the same seed", () => {
    const rows = distinctRows(600);
    const splits = outputExamples(rows, "rampart").map((e) => e.split);
    expect(outputExamples(rows, "rampart").map((e) => e.split)).toEqual(splits);
    const share = (split: string) => splits.filter((s) => s === split).length / splits.length;
    expect(share("train")).toBeGreaterThan(0.7);
    expect(share("train")).toBeLessThan(0.9);
    expect(share("validation")).toBeGreaterThan(0.05);
    expect(share("test")).toBeGreaterThan(0.05);
    const other = outputExamples(rows, "another seed").map((e) => e.split);
    expect(other.filter((s, i) => s !== splits[i]).length).toBeGreaterThan(60);
  });

  it("puts answers that differ by a word or two in one split", () => {
    const random = seeded(5);
    const rows: OutputRow[] = [];
    for (let pair = 0; pair < 60; pair++) {
      const words = answer(random, 60).split(" ");
      const edited = [...words];
      edited[10] = "changed";
      edited[40] = "edited";
      rows.push(row(2 * pair, words.join(" ")), row(2 * pair + 1, `${edited.join(" ")} indeed`, "refusal"));
    }
    const examples = outputExamples(rows, "rampart");
    for (let pair = 0; pair < 60; pair++) expect(examples[2 * pair + 1]!.split).toBe(examples[2 * pair]!.split);
    // Not all in one split, or the check above could not fail.
    expect(new Set(examples.map((e) => e.split)).size).toBe(3);
  });

  it("places an answer by its text, not by where it sits among the rows", () => {
    const rows = distinctRows(90, 9);
    const forward = new Map(outputExamples(rows, "rampart").map((e) => [e.id, e.split]));
    const backward = new Map(outputExamples([...rows].reverse(), "rampart").map((e) => [e.id, e.split]));
    expect(backward).toEqual(forward);
  });
});
