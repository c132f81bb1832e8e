import { describe, expect, it } from "vitest";
import { Findings, OBFUSCATION_DETECTORS, quote } from "./findings.js";

describe("Findings", () => {
  it("reports one signal per kind, with the strongest reason and merged spans", () => {
    const findings = new Findings();
    findings.add("obfuscation/invisible", 0.3, [{ start: 5, end: 6 }], "weak");
    findings.add(
      "obfuscation/invisible",
      0.5,
      [
        { start: 0, end: 2 },
        { start: 1, end: 4 },
      ],
      "strong",
    );
    findings.add("obfuscation/base64", 0.4, [{ start: 10, end: 30 }], "base64");
    const signals = findings.signals();
    expect(signals).toHaveLength(2);
    expect(signals[0]).toEqual({
      detector: "obfuscation/invisible",
      category: "obfuscation",
      score: 0.5,
      spans: [
        { start: 0, end: 4 },
        { start: 5, end: 6 },
      ],
      reason: "strong (and 1 more like it)",
    });
  });

  it("does not count the same spans twice (a stage re-run over an in-place view)", () => {
    const findings = new Findings();
    findings.add("obfuscation/homoglyphs", 0.5, [{ start: 0, end: 6 }], "a");
    findings.add("obfuscation/homoglyphs", 0.5, [{ start: 0, end: 6 }], "a");
    expect(findings.signals()[0]?.reason).toBe("a");
  });

  it("has a unique id per kind", () => {
    expect(new Set(OBFUSCATION_DETECTORS).size).toBe(OBFUSCATION_DETECTORS.length);
    for (const id of OBFUSCATION_DETECTORS) expect(id).toMatch(/^obfuscation\/[a-z0-9-]+$/);
  });
});

describe("quote", () => {
  it("quotes short text and cuts long text with an ellipsis", () => {
    expect(quote("ignore all")).toBe('"ignore all"');
    expect(quote("x".repeat(100))).toBe(`"${"x".repeat(40)}…"`);
  });

  it("keeps the reason on one line", () => {
    expect(quote("a\nb\u0000")).toBe('"a\\nb\\u0000"');
  });
});
