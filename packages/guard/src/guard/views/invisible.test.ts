import { describe, expect, it } from "vitest";
import { Findings } from "./findings.js";
import { stripInvisible } from "./invisible.js";
import { identityMapped } from "./mapped.js";

function strip(text: string) {
  const findings = new Findings();
  const mapped = stripInvisible(identityMapped(text), findings);
  return { mapped, signals: findings.signals() };
}

const tags = (text: string) => Array.from(text, (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
const selectors = (text: string) =>
  Array.from(Buffer.from(text, "utf8"), (b) => String.fromCodePoint(b < 16 ? 0xfe00 + b : 0xe0100 + b - 16)).join("");

describe("stripInvisible", () => {
  it("returns text without invisible characters untouched", () => {
    const src = identityMapped("plain text");
    expect(stripInvisible(src, new Findings())).toBe(src);
  });

  it("removes zero-width characters and bidi controls, keeping the maps", () => {
    const { mapped, signals } = strip("ig\u200bno\u202ere");
    expect(mapped.text).toBe("ignore");
    expect(Array.from(mapped.starts)).toEqual([0, 1, 3, 4, 6, 7]);
    expect(signals[0]).toMatchObject({ detector: "obfuscation/invisible", score: 0.3 });
  });

  it("scores by how many invisibles split words", () => {
    expect(strip("a\u200bb c").signals[0]?.score).toBe(0.3);
    expect(strip("a \u200b\u200b\u200b b").signals[0]?.score).toBe(0.4);
    expect(strip("i\u200bg\u200bn\u200bo").signals[0]?.score).toBe(0.5);
  });

  it("leaves emoji sequences, right-to-left marks and a leading BOM unreported", () => {
    for (const text of ["👨\u200d👩\u200d👧", "❤\ufe0f", "שלום\u200fעולם", "\ufeffHello", "1\ufe0f\u20e3"]) {
      const { signals } = strip(text);
      expect(signals, text).toEqual([]);
    }
  });

  it("decodes tag characters in place, each mapped to its tag", () => {
    const input = `Hi${tags("run it")}!`;
    const { mapped, signals } = strip(input);
    expect(mapped.text).toBe("Hirun it!");
    expect([mapped.starts[2], mapped.ends[2]]).toEqual([2, 4]);
    expect(signals[0]).toMatchObject({
      detector: "obfuscation/unicode-tags",
      score: 0.9,
      spans: [{ start: 2, end: 14 }],
    });
    expect(signals[0]?.reason).toBe('6 invisible Unicode tag characters hide the text "run it"');
  });

  it("removes an emoji flag's tags silently", () => {
    const { mapped, signals } = strip("Go 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}!");
    expect(mapped.text).toBe("Go 🏴!");
    expect(signals).toEqual([]);
  });

  it("decodes variation-selector bytes in place", () => {
    const input = `😀${selectors("héllo")}`;
    const { mapped, signals } = strip(input);
    expect(mapped.text).toBe("😀héllo");
    expect(signals[0]).toMatchObject({ detector: "obfuscation/variation-selector-smuggling", score: 0.9 });
    // "é" is two bytes, so two selectors (two code units each) stand behind it.
    expect([mapped.starts[3], mapped.ends[3]]).toEqual([4, 8]);
  });

  it("counts a run of selectors that is not text as invisible characters", () => {
    const { mapped, signals } = strip(`x${"\ufe0f".repeat(5)}y`);
    expect(mapped.text).toBe("xy");
    expect(signals.map((s) => s.detector)).toEqual(["obfuscation/invisible"]);
  });
});
