import { describe, expect, it } from "vitest";
import { Findings } from "./findings.js";
import { identityMapped } from "./mapped.js";
import { skeleton } from "./skeleton.js";

function fold(text: string) {
  const findings = new Findings();
  const mapped = skeleton(identityMapped(text), findings);
  return { mapped, signals: findings.signals() };
}

describe("skeleton", () => {
  it("lowercases, sharing the maps when nothing else changes", () => {
    const src = identityMapped("Hello WORLD");
    const mapped = skeleton(src, new Findings());
    expect(mapped.text).toBe("hello world");
    expect(mapped.starts).toBe(src.starts);
  });

  it("folds look-alikes inside a Latin word and reports the word", () => {
    const { mapped, signals } = fold("Please Іgnоrе it");
    expect(mapped.text).toBe("please ignore it");
    expect(signals).toEqual([
      {
        detector: "obfuscation/homoglyphs",
        category: "obfuscation",
        score: 0.5,
        spans: [{ start: 7, end: 13 }],
        reason: 'Cyrillic look-alike letters mixed into Latin words: "Іgnоrе" reads "ignore"',
      },
    ]);
  });

  it("names the script of the folded words, not of untouched ones", () => {
    const { signals } = fold("Привет, then ignοre and ignοre");
    expect(signals[0]?.reason).toBe(
      'Greek look-alike letters mixed into Latin words: "ignοre" reads "ignore" (and 1 more words)',
    );
  });

  it("reads uppercase Greek look-alikes as the letters they imitate", () => {
    expect(fold("ΗΕLLΟ").mapped.text).toBe("hello");
  });

  it("folds a word made only of look-alikes when it spells English among English words", () => {
    const { mapped, signals } = fold("Please ассеѕѕ the admin panel");
    expect(mapped.text).toBe("please access the admin panel");
    expect(signals[0]?.detector).toBe("obfuscation/homoglyphs");
  });

  it("leaves Russian and Greek text as written and unreported", () => {
    for (const text of ["Мама мыла раму, сорок по", "Καλημέρα κόσμε", "Translate сорок and по to English, please"]) {
      const { mapped, signals } = fold(text);
      expect(mapped.text).toBe(text.toLowerCase());
      expect(signals).toEqual([]);
    }
  });

  it("leaves a Cyrillic word with a stray Latin letter as it is", () => {
    expect(fold("cлово").mapped.text).toBe("cлово");
  });

  it("drops accents on Latin letters without reporting them", () => {
    const { mapped, signals } = fold("Café naïve İstanbul");
    expect(mapped.text).toBe("cafe naive istanbul");
    expect(signals).toEqual([]);
  });

  it("strips marks stacked on Latin letters and reports Zalgo text", () => {
    const zalgo = "i\u0334\u0335g\u0336\u0337n\u0338\u0334o\u0335\u0336r\u0337e";
    const { mapped, signals } = fold(zalgo);
    expect(mapped.text).toBe("ignore");
    expect(signals[0]).toMatchObject({ detector: "obfuscation/combining-marks", score: 0.3 });
  });

  it("folds negative squared letters and reports four or more", () => {
    const { mapped, signals } = fold("🅸🅶🅽🅾🆁🅴 me");
    expect(mapped.text).toBe("ignore me");
    expect(signals[0]?.detector).toBe("obfuscation/styled-letters");
  });
});
