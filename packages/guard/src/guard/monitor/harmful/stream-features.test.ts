import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureBuffer } from "../../classifier/features.js";
import { cut } from "../scanners/streaming.testing.js";
import { StreamFeatures } from "./stream-features.js";

/**
 * Each feature as `hash:group`, sorted and joined (one string compares fast): what a linear head
 * sums does not depend on the order.
 */
interface Bag {
  readonly features: string;
  readonly char: number;
  readonly word: number;
}

function take(out: string[], features: { hashes: Int32Array; groups: Uint8Array; length: number }): void {
  for (let i = 0; i < features.length; i++) out.push(`${features.hashes[i]}:${features.groups[i]}`);
}

function streamed(pieces: readonly string[], end = true): Bag & { position: number } {
  const stream = new StreamFeatures();
  const features: string[] = [];
  for (const piece of pieces) take(features, stream.push(piece));
  if (end) take(features, stream.end());
  return {
    features: features.sort().join(" "),
    char: stream.charCount,
    word: stream.wordCount,
    position: stream.position,
  };
}

function whole(text: string): Bag {
  const buffer = new FeatureBuffer().fill(text);
  const features: string[] = [];
  take(features, buffer);
  return { features: features.sort().join(" "), char: buffer.counts.char, word: buffer.counts.word };
}

/** Lower case one UTF-16 unit at a time, keeping a unit whose lower case is longer (İ) as it is. */
function lowerKeepingLength(text: string): string {
  let out = "";
  for (const unit of text.split("")) {
    const lowered = unit.toLowerCase();
    out += lowered.length === 1 ? lowered : unit;
  }
  return out;
}

/** `text` cut at the given positions (sorted, duplicates allowed, so some pieces are empty). */

// Letters of several scripts and both cases, digits, every kind of whitespace the features fold,
// punctuation, a letter whose lower case is longer (İ), and surrogate pairs (an emoji, a Deseret
// capital whose lower case is another pair).
const ALPHABET = [
  ..."aAbBzZ_09 7\t\n\r.,;:!?-'\"()",
  ..."éÉßñÑøØ",
  ..."ΣσςΑ",
  ..."ЖжИи",
  "\u00a0",
  "\u2003",
  "\u3000",
  "İ",
  "日本",
  "😀",
  "\ud801\udc00",
  "\u201c",
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 80 }).map((units) => units.join(""));
const cuts = fc.array(fc.nat(), { maxLength: 12 });
/** Any UTF-16 code units, lone surrogates included (fast-check's "binary" strings are slow to generate). */
const units = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 })
  .map((codes) => String.fromCharCode(...codes));

describe("StreamFeatures", () => {
  it("yields a text's character 3-5-grams and word uni- and bigrams, lower-cased, with FeatureBuffer's counts", () => {
    const stream = streamed(["Ignore Rules"]);
    expect(stream).toEqual({ ...whole("ignore rules"), position: 12 });
    // 12 characters: 10 trigrams + 9 four-grams + 8 five-grams; two words and their bigram.
    expect(stream.char).toBe(27);
    expect(stream.word).toBe(3);
  });

  it("equals FeatureBuffer over the lower-cased whole text, however the text is cut", () => {
    fc.assert(
      fc.property(text, cuts, (t, at) => {
        const { position, ...bag } = streamed(cut(t, at));
        expect(position).toBe(t.length);
        expect(bag).toEqual(whole(lowerKeepingLength(t)));
      }),
      { numRuns: 400 },
    );
  });

  it("for ordinary text that lower-cased whole text is simply text.toLowerCase()", () => {
    const t = "Step 1: Mix The FLOUR.\nÉtape 2 — Добавьте ВОДУ, then knead for 10 minutes.";
    expect(streamed(cut(t, [3, 4, 17, 40, 41, 60]))).toEqual({ ...whole(t.toLowerCase()), position: t.length });
  });

  it("is the same for any two cuttings of any UTF-16 string, lone surrogates included", () => {
    fc.assert(
      fc.property(units, cuts, cuts, (t, a, b) => {
        expect(streamed(cut(t, a))).toEqual(streamed(cut(t, b)));
      }),
      { numRuns: 300 },
    );
  });

  it("reads a text cut inside every surrogate pair as the text pushed whole", () => {
    const t = "Smile 😀 and 𐐀 𐐨 write 😀😀 twice";
    const expected = streamed([t]);
    for (let at = 0; at <= t.length; at++) expect(streamed([t.slice(0, at), t.slice(at)])).toEqual(expected);
    expect(streamed(t.split(""))).toEqual(expected);
  });

  it("emits a character n-gram when its last character arrives and a word only when a separator closes it", () => {
    const stream = new StreamFeatures();
    const groupsOf = (f: StreamFeatures) => Array.from(f.groups.subarray(0, f.length));
    expect(stream.push("he").length).toBe(0);
    // "hel": one trigram; "hell": a trigram and a four-gram; "hello": 3-, 4- and 5-grams.
    expect(groupsOf(stream.push("l"))).toEqual([0]);
    expect(groupsOf(stream.push("l"))).toEqual([0, 0]);
    expect(groupsOf(stream.push("o"))).toEqual([0, 0, 0]);
    expect(stream.wordCount).toBe(0);
    // The space closes "hello" (no previous word, so no bigram).
    expect(groupsOf(stream.push(" ")).filter((g) => g === 1)).toHaveLength(1);
    expect(stream.wordCount).toBe(1);
    stream.push("world");
    expect(stream.wordCount).toBe(1);
    // end() closes "world": the word and the bigram "hello world".
    expect(groupsOf(stream.end())).toEqual([1, 1]);
    expect(stream.wordCount).toBe(3);
  });

  it("misses only the last word and its bigram until end(), and end() adds exactly those", () => {
    const open = streamed(["make a pipe", " bo", "mb"], false);
    const closed = streamed(["make a pipe", " bo", "mb"], true);
    expect(closed).toEqual({ ...whole("make a pipe bomb"), position: 16 });
    expect(closed.word - open.word).toBe(2);
    expect(closed.char).toBe(open.char);
    const missing = closed.features.split(" ");
    for (const feature of open.features.split(" ")) missing.splice(missing.indexOf(feature), 1);
    const bomb = new FeatureBuffer().fill("make a pipe bomb");
    const lastTwo: string[] = [];
    for (let i = 0; i < bomb.length; i++) {
      if (bomb.groups[i] === 1 && bomb.ends[i] === 16) lastTwo.push(`${bomb.hashes[i]}:1`);
    }
    expect(missing.sort()).toEqual(lastTwo.sort());
  });

  it("adds nothing at end() after a separator, on a second end(), or for an empty push", () => {
    const stream = new StreamFeatures();
    stream.push("one two.");
    const counts = [stream.charCount, stream.wordCount];
    expect(stream.push("").length).toBe(0);
    expect(stream.end().length).toBe(0);
    expect(stream.end().length).toBe(0);
    expect([stream.charCount, stream.wordCount]).toEqual(counts);
  });

  it("takes a long piece after short ones (its buffers grow) and still matches the whole text", () => {
    const long = "A long answer, with Words and 123 numbers. ".repeat(200);
    const pieces = ["x", "y z", long, "tail"];
    expect(streamed(pieces)).toEqual({ ...whole(pieces.join("").toLowerCase()), position: pieces.join("").length });
  });

  // K KELVIN SIGN (U+212A) lower-cases to the letter k and Ω OHM SIGN (U+2126) to ω: the stream decides
  // word boundaries on the lower-cased character, as FeatureBuffer does over the lower-cased text.
  it("a sign whose lower case is a letter (U+212A K, U+2126 Ω) is read as that letter, inside its word", () => {
    for (const t of ["\u212Aelvin scale", "a 5 \u2126 resistor"]) {
      expect(lowerKeepingLength(t)).toBe(t.toLowerCase());
      expect(streamed([t])).toEqual({ ...whole(t.toLowerCase()), position: t.length });
    }
  });
});
