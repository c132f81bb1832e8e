import { describe, expect, it } from "vitest";
import { parseStrategyList, StrategyListError } from "./parse.js";
import { STRATEGY_IDS } from "./registry.js";

function failure(text: string): StrategyListError {
  try {
    parseStrategyList(text);
  } catch (error) {
    expect(error).toBeInstanceOf(StrategyListError);
    return error as StrategyListError;
  }
  throw new Error(`"${text}" parsed`);
}

describe("parseStrategyList", () => {
  it("reads single ids and compositions, in order", () => {
    expect(parseStrategyList("base64∘roleplay,identity").map((s) => s.id)).toEqual(["base64∘roleplay", "identity"]);
    expect(parseStrategyList(" hex ∘ reversed , morse ").map((s) => s.id)).toEqual(["hex∘reversed", "morse"]);
  });

  it("reads every registered id", () => {
    expect(parseStrategyList(STRATEGY_IDS.join(",")).map((s) => s.id)).toEqual(STRATEGY_IDS);
  });

  it("names the unknown id and every known one", () => {
    const error = failure("base64∘rolepaly,identity");
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain('unknown strategy "rolepaly"');
    for (const id of STRATEGY_IDS) expect(error.message).toContain(id);
    expect(error.issues).toEqual([{ code: "unknown_strategy", path: [0], message: 'unknown strategy "rolepaly"' }]);
  });

  it("collects every problem, not just the first", () => {
    const error = failure("nope,,base64,base64,x∘∘rot13,rot13∘rot13∘rot13∘rot13∘rot13");
    expect(error.issues.map((issue) => [issue.code, issue.path[0]])).toEqual([
      ["unknown_strategy", 0],
      ["empty", 1],
      ["duplicate", 3],
      ["unknown_strategy", 4],
      ["unknown_strategy", 4],
      ["too_deep", 5],
    ]);
  });

  it("refuses an empty list", () => {
    expect(failure("").issues[0]?.code).toBe("empty");
  });

  it("accepts + for ∘, since few keyboards type ∘", () => {
    expect(parseStrategyList("base64+roleplay").map((s) => s.id)).toEqual(["base64∘roleplay"]);
  });
});
