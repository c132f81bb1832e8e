import { describe, expect, it } from "vitest";
import { COMBINING, charFlags, INVISIBLE, UNSTABLE, WORD } from "./char-class.js";

const flags = (char: string) => charFlags(char.codePointAt(0) ?? 0);

describe("charFlags", () => {
  it("knows letters and digits of any script as word characters", () => {
    for (const char of ["a", "я", "λ", "我", "한", "٣", "𝐀"]) expect(flags(char) & WORD, char).toBe(WORD);
    for (const char of [" ", ",", "，", "😀"]) expect(flags(char) & WORD, char).toBe(0);
  });

  it("marks what joins the character before it", () => {
    for (const char of ["\u0301", "\u0308", "\u1161", "\u11a8", "\uff9e", "\u0e33"]) {
      expect(flags(char) & COMBINING, char.codePointAt(0)?.toString(16)).toBe(COMBINING);
    }
    expect(flags("a") & COMBINING).toBe(0);
  });

  it("marks what NFKC rewrites on its own", () => {
    for (const char of ["Ａ", "ﬁ", "²", "𝐀", "\u00a0"]) expect(flags(char) & UNSTABLE, char).toBe(UNSTABLE);
    for (const char of ["a", "é", "я", "我"]) expect(flags(char) & UNSTABLE, char).toBe(0);
  });

  it("agrees with the engine on default-ignorable code points", () => {
    const ignorable = /^\p{Default_Ignorable_Code_Point}$/u;
    for (let cp = 0; cp < 0x30000; cp += cp < 0x3000 ? 1 : 7) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const expected = ignorable.test(String.fromCodePoint(cp)) ? INVISIBLE : 0;
      if ((charFlags(cp) & INVISIBLE) !== expected) expect.fail(`U+${cp.toString(16)}`);
    }
    expect(charFlags(0xe0041) & INVISIBLE).toBe(INVISIBLE);
  });

  it("gives lone surrogates no flags", () => {
    expect(charFlags(0xd800)).toBe(0);
  });
});
