import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WORD_KIND, WordStream } from "./word-stream.js";

interface Word {
  text: string;
  folded: number;
  exact: number;
  kind: number;
}

function words(pieces: readonly string[]): Word[] {
  const whole = pieces.join("");
  const out: Word[] = [];
  const stream = new WordStream((folded, exact, start, end, kind) =>
    out.push({ text: whole.slice(start, end), folded, exact, kind }),
  );
  let offset = 0;
  for (const piece of pieces) {
    stream.push(piece, offset);
    offset += piece.length;
  }
  stream.end();
  return out;
}

describe("WordStream", () => {
  it("splits words, numbers with their decimal point, identifiers, and each ideograph", () => {
    const text = "Hello, ChatGPT라는 GPT-3.5 (v1.2.3). search_web 2022년 你好 Ünïcode.";
    expect(words([text]).map((w) => w.text)).toEqual([
      "Hello",
      "ChatGPT",
      "라는",
      "GPT",
      "3.5",
      "v1.2.3",
      "search_web",
      "2022",
      "년",
      "你",
      "好",
      "Ünïcode",
    ]);
    expect(words(["你"])[0]!.kind).toBe(WORD_KIND.ideograph);
  });

  it("folds case for phrases but keeps it for names, and drops a number's leading zeros", () => {
    const [a, b, c, d, e] = words(["Bing bing 01 1 010"]);
    expect(a!.folded).toBe(b!.folded);
    expect(a!.exact).not.toBe(b!.exact);
    expect(c!.exact).toBe(d!.exact);
    expect(c!.folded).not.toBe(d!.folded);
    expect(e!.exact).not.toBe(d!.exact);
  });

  it("skips invisible characters inside a word", () => {
    const [plain] = words(["secret"]);
    const [hidden] = words(["se\u200bcr\u00adet"]);
    expect(hidden!.folded).toBe(plain!.folded);
    expect(hidden!.text).toBe("se\u200bcr\u00adet");
  });

  it("gives the same words however the text is cut", () => {
    const text = "Version 3.5. The café's ChatGPT라는 model_v2 was 1.2.3 — 日本語 ok 2022. end";
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 20 }), (points) => {
        const cuts = [...new Set(points)].sort((a, b) => a - b);
        const pieces = [...cuts, text.length].map((end, i) => text.slice(i === 0 ? 0 : cuts[i - 1], end));
        expect(words(pieces)).toEqual(words([text]));
      }),
    );
  });
});
