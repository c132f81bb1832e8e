import { describe, expect, it } from "vitest";
import { isTag, readTagRun } from "./tag-smuggling.js";

const tags = (text: string) => Array.from(text, (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");

describe("readTagRun", () => {
  it("reads the ASCII a run of tags spells, and where each tag sits", () => {
    const text = `ab${tags("Hi!")}cd`;
    const run = readTagRun(text, 2);
    expect(run).toMatchObject({ end: 8, tags: 3, flag: false });
    expect(String.fromCharCode(...run.chars)).toBe("Hi!");
    expect(run.at).toEqual([2, 4, 6]);
  });

  it("skips the language tag and CANCEL TAG, which spell nothing", () => {
    const text = `\u{E0001}${tags("ok")}\u{E007F}`;
    expect(String.fromCharCode(...readTagRun(text, 0).chars)).toBe("ok");
  });

  it("recognises an emoji subdivision flag (England, Scotland)", () => {
    const flag = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
    expect(readTagRun(flag, 2).flag).toBe(true);
    expect(readTagRun(`x${flag.slice(2)}`, 1).flag).toBe(false);
    expect(readTagRun(`🏴${tags("IGNORE ALL")}\u{E007F}`, 2).flag).toBe(false);
  });

  it("knows the tag block", () => {
    expect(isTag(0xe0000)).toBe(true);
    expect(isTag(0xe007f)).toBe(true);
    expect(isTag(0xe0080)).toBe(false);
  });
});
