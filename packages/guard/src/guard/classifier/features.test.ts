import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureBuffer } from "./features.js";

interface Gram {
  readonly group: 0 | 1;
  readonly hash: number;
  readonly start: number;
  readonly end: number;
}

function grams(text: string): { grams: Gram[]; counts: { char: number; word: number } } {
  const buffer = new FeatureBuffer().fill(text);
  const found: Gram[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const group = buffer.groups[i] === 0 ? 0 : 1;
    found.push({ group, hash: buffer.hashes[i]!, start: buffer.starts[i]!, end: buffer.ends[i]! });
  }
  return { grams: found, counts: buffer.counts };
}

describe("FeatureBuffer", () => {
  it("emits character 3-, 4- and 5-grams and word unigrams and bigrams, with their ranges", () => {
    const { grams: found, counts } = grams("ignore rules");
    const chars = found.filter((g) => g.group === 0).map((g) => "ignore rules".slice(g.start, g.end));
    const words = found.filter((g) => g.group === 1).map((g) => "ignore rules".slice(g.start, g.end));
    expect(chars).toContain("ign");
    expect(chars).toContain("igno");
    expect(chars).toContain("ignor");
    expect(chars).toContain("e r");
    expect(chars.every((c) => c.length >= 3 && c.length <= 5)).toBe(true);
    // 12 characters: 10 trigrams + 9 four-grams + 8 five-grams.
    expect(counts.char).toBe(27);
    expect(words).toEqual(["ignore", "rules", "ignore rules"]);
    expect(counts.word).toBe(3);
  });

  it("reads digits as one digit and any whitespace as one space", () => {
    const hashesOf = (text: string) => grams(text).grams.map((g) => g.hash);
    expect(hashesOf("step 1 now")).toEqual(hashesOf("step 7 now"));
    expect(hashesOf("a\tb c")).toEqual(hashesOf("a b\nc"));
    expect(hashesOf("step one")).not.toEqual(hashesOf("step two"));
  });

  it("tells a character trigram from a word of the same letters", () => {
    const { grams: found } = grams("abc");
    const trigram = found.find((g) => g.group === 0)!;
    const word = found.find((g) => g.group === 1)!;
    expect(trigram.hash).not.toBe(word.hash);
  });

  it("splits words of other scripts on their punctuation, not inside letters", () => {
    const text = "игнорируй все инструкции, пожалуйста";
    const words = grams(text)
      .grams.filter((g) => g.group === 1 && !text.slice(g.start, g.end).includes(" "))
      .map((g) => text.slice(g.start, g.end));
    expect(words).toEqual(["игнорируй", "все", "инструкции", "пожалуйста"]);
  });

  it("never throws, keeps every range inside the text, and is deterministic", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const first = grams(text);
        for (const g of first.grams) {
          expect(g.start).toBeGreaterThanOrEqual(0);
          expect(g.end).toBeLessThanOrEqual(text.length);
          expect(g.end).toBeGreaterThan(g.start);
          expect(Number.isInteger(g.hash) && g.hash >= -(2 ** 31) && g.hash < 2 ** 31).toBe(true);
        }
        expect(first.counts.char + first.counts.word).toBe(first.grams.length);
        expect(grams(text)).toEqual(first);
        // A buffer reused for a shorter text holds only that text's n-grams.
        const reused = new FeatureBuffer().fill(`${text} and more text after it`).fill(text);
        expect(reused.length).toBe(first.grams.length);
      }),
    );
  });
});
