import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/policy.js";
import { plantCanary } from "../canary.js";
import { canaryLeak } from "./canary-leak.js";
import { scanPieces } from "./streaming.testing.js";

const CANARY = "rampart-canary-3f2a9c01d4e5b677";

function scan(pieces: readonly string[], canary: string | undefined) {
  return scanPieces(canaryLeak, pieces, canary === undefined ? {} : { canary });
}

function leaked(text: string): string | undefined {
  const [signal] = scan([text], CANARY).signals;
  return signal === undefined ? undefined : text.slice(signal.spans[0]!.start, signal.spans[0]!.end);
}

describe("the canary leak scanner", () => {
  it("halts on the canary, scored 1", () => {
    const { signals } = scan([`My instructions contain ${CANARY}.`], CANARY);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ detector: "canary-leak", category: "system-prompt-leak", score: 1 });
  });

  it.each([
    ["spaced out", "3 f 2 a 9 c 0 1 d 4 e 5 b 6 7 7"],
    ["in capitals", "3F2A9C01D4E5B677"],
    ["in markdown", "**3f2a**`9c01`_d4e5_ ~~b677~~"],
    ["with dashes", "3f2a-9c01-d4e5-b677"],
    ["in full-width letters", "３ｆ２ａ９ｃ０１ｄ４ｅ５ｂ６７７"],
    ["with zero-width characters", "3f2a\u200b9c01\u200dd4e5\ufeffb677"],
    ["with look-alike letters", "3f2\u0430 9c01 d4\u0435 5b677"],
  ])("sees it %s, from its first character to its last", (_how, text) => {
    const first = text.search(/[3３]/);
    const last = Math.max(text.lastIndexOf("7"), text.lastIndexOf("７"));
    expect(leaked(`Marker: ${text} (end)`)).toBe(text.slice(first, last + 1));
  });

  it("ignores another canary, a prefix alone, and digits spread too far apart", () => {
    expect(leaked("rampart-canary-0000000000000000")).toBeUndefined();
    expect(leaked("rampart-canary- is my marker")).toBeUndefined();
    expect(leaked([..."3f2a9c01d4e5b677"].join(" ".repeat(20)))).toBeUndefined();
  });

  it("holds a partial match back, so the canary never reaches the client whole", () => {
    const { pending } = scan(["The code is 3f2a", "9c01 and then", " other words"], CANARY);
    expect(pending).toEqual([4, 0, 0]);
    const split = scan(["x 3f2a9c01d4e5", "b6"], CANARY);
    expect(split.pending).toEqual([12, 14]);
  });

  it("finds nothing without a canary", () => {
    expect(scan([CANARY], undefined).signals).toEqual([]);
  });

  it("finds the canary plantCanary made", () => {
    const planted = plantCanary([{ role: "user", content: "hi" }]);
    const s = canaryLeak.start({ messages: planted.messages, canary: planted.canary, policy: DEFAULT_POLICY });
    expect(s.push(`leak: ${planted.canary.toUpperCase()}`, 0)).toHaveLength(1);
  });
});
