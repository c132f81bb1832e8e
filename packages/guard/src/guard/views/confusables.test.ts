import { describe, expect, it } from "vitest";
import { confusableKind, confusableScript, confusableTarget, KIND, MAY_FOLD } from "./confusables.js";

const target = (char: string) => String.fromCharCode(confusableTarget(char.codePointAt(0) ?? 0));

describe("the confusables table", () => {
  it("reads Cyrillic, Greek and other look-alikes as Latin letters", () => {
    expect(Array.from("аеорсхіј", target).join("")).toBe("aeopcxij");
    expect(Array.from("АВЕНКМОРСТХ", target).join("")).toBe("abehkmopctx");
    expect(Array.from("αεικνορτυχ", target).join("")).toBe("aeikvoptux");
    expect(Array.from("ΑΒΕΗΙΚΜΝΟΡΤΥΧΖ", target).join("")).toBe("abehikmnoptyxz");
    expect(Array.from("ᴀɡɪ", target).join("")).toBe("agi");
  });

  it("names the script a look-alike comes from", () => {
    expect(confusableScript("о".codePointAt(0) ?? 0)).toBe("Cyrillic");
    expect(confusableScript("ο".codePointAt(0) ?? 0)).toBe("Greek");
    expect(confusableKind("о".codePointAt(0) ?? 0)).toBe(KIND.homoglyph);
  });

  it("folds accents as plain Latin, which is never evidence", () => {
    expect(Array.from("éÅçñüİıø", target).join("")).toBe("eacnuiio");
    expect(confusableKind("é".codePointAt(0) ?? 0)).toBe(KIND.accent);
  });

  it("folds negative circled and squared letters as styled", () => {
    expect(target("🅸")).toBe("i");
    expect(target("🅐")).toBe("a");
    expect(confusableKind(0x1f178)).toBe(KIND.styled);
  });

  it("leaves μ alone: μm and μg are units, not disguises", () => {
    expect(confusableTarget(0x3bc)).toBe(0);
  });

  it("leaves letters with no Latin look-alike alone", () => {
    for (const char of ["л", "ж", "λ", "我", "a", "1"])
      expect(confusableTarget(char.codePointAt(0) ?? 0), char).toBe(0);
  });

  it("has a quick test that rejects text with nothing to fold", () => {
    expect(MAY_FOLD.test("我的朋友 hello 123")).toBe(false);
    expect(MAY_FOLD.test("café")).toBe(true);
    expect(MAY_FOLD.test("🅸")).toBe(true);
  });
});
