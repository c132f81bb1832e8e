import { describe, expect, it } from "vitest";
import { buildInput, LINEAR_SIZES, TRAILING_ATTACK, timeCheck } from "./linear-cost.js";

describe("buildInput", () => {
  it.each(LINEAR_SIZES)("is exactly $label long and ends with the attack", ({ chars }) => {
    const input = buildInput(["A benign prompt.", "Another, somewhat longer benign prompt about bread."], chars);
    expect(input).toHaveLength(chars);
    expect(input.endsWith(`\n${TRAILING_ATTACK}`)).toBe(true);
    expect(input.indexOf(TRAILING_ATTACK)).toBe(chars - TRAILING_ATTACK.length);
  });
});

describe("timeCheck", () => {
  it("returns what the check said, and calls it once untimed plus once per repeat", async () => {
    let calls = 0;
    const result = await timeCheck(() => ++calls > 0, "text", 5);
    expect(result).toMatchObject({ ok: true, detected: true });
    expect(calls).toBe(6);
  });

  it("turns a check that throws into a value naming the error", async () => {
    const result = await timeCheck(
      () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
      "text",
      3,
    );
    expect(result).toEqual({ ok: false, error: "Maximum call stack size exceeded" });
  });
});
