import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundledOutputModel } from "./bundled.js";
import type { OutputModel } from "./output-model.js";
import { OutputScorer } from "./output-scorer.js";
import { promptHeadOf } from "./prompt-head.js";
import { StreamJudge } from "./stream-judge.js";

const bundled = bundledOutputModel();

function withReading(minChars: number, stride: number): OutputModel {
  return { ...bundled, operatingPoints: { ...bundled.operatingPoints, minChars, stride } };
}

function judge(model: OutputModel): StreamJudge {
  return new StreamJudge(model, promptHeadOf(model));
}

/** P(harmful) of `text` scored in one piece, as read mid-stream (no end) or complete. */
function harmfulOf(model: OutputModel, text: string, end: boolean): number {
  const scorer = new OutputScorer(model, promptHeadOf(model));
  scorer.push(text);
  if (end) scorer.end();
  return scorer.harmful();
}

const ANSWER =
  "To bake bread, mix flour, salt, yeast and warm water, knead it for ten minutes, let it rise, then bake it hot.";

describe("StreamJudge", () => {
  it("reads nothing before minChars, then once every stride characters", () => {
    const model = withReading(48, 16);
    const j = judge(model);
    const read: number[] = [];
    for (let at = 0; at < 104; at += 8) {
      if (j.push(ANSWER.slice(at, at + 8)) !== null) read.push(at + 8);
    }
    expect(read).toEqual([48, 64, 80, 96]);
  });

  it("reads at the first push that reaches a reading point, however far past it the push goes", () => {
    const j = judge(withReading(10, 20));
    expect(j.push("abcde")).toBeNull();
    expect(j.push("fghijklmnopq")).not.toBeNull(); // 17 ≥ 10
    expect(j.push("r".repeat(19))).toBeNull(); // 36: 19 past the last reading
    expect(j.push("s")).not.toBeNull(); // 37: 20 past
    expect(j.push("t".repeat(100))).not.toBeNull(); // 137
    expect(j.push("u")).toBeNull();
  });

  it("follows the rule for any cutting: a reading exactly when minChars and stride allow, of the text so far", () => {
    const pieces = fc.array(fc.string({ unit: fc.constantFrom(..."ab cd.E"), maxLength: 30 }), { maxLength: 15 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 40 }), pieces, (minChars, stride, ps) => {
        const model = withReading(minChars, stride);
        const j = judge(model);
        let text = "";
        let last: number | null = null;
        for (const piece of ps) {
          text += piece;
          const reading = j.push(piece);
          const due = text.length >= minChars && (last === null || text.length - last >= stride);
          expect(reading !== null).toBe(due);
          if (reading === null) continue;
          last = text.length;
          expect(reading).toBeCloseTo(harmfulOf(model, text, false), 12);
        }
        expect(j.end()).toBeCloseTo(harmfulOf(model, text, true), 12);
      }),
      { numRuns: 200 },
    );
  });

  it("always scores at the end: a text shorter than minChars, or one just read", () => {
    const short = judge(withReading(48, 16));
    expect(short.push("Hello there")).toBeNull();
    expect(short.end()).toBeCloseTo(harmfulOf(bundled, "Hello there", true), 12);
    const justRead = judge(withReading(4, 100));
    expect(justRead.push("Hello there")).not.toBeNull();
    expect(justRead.end()).toBeCloseTo(harmfulOf(bundled, "Hello there", true), 12);
  });
});
