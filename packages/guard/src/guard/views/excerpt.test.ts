import { describe, expect, it } from "vitest";
import { excerpt } from "./findings.js";

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("excerpt", () => {
  it("never leaves half a surrogate pair at either end, wherever the cut falls", () => {
    const text = "ab😀cd😀😀ef\u{E0041}\u{E0042}gh";
    for (let start = 0; start < text.length; start++) {
      for (let end = start; end <= text.length; end++) {
        for (let max = 1; max <= 6; max++) {
          const cut = excerpt(text, start, end, max);
          expect(LONE.test(cut), `${start}-${end} max ${max}`).toBe(false);
          expect(cut.length).toBeLessThanOrEqual(max);
        }
      }
    }
  });

  it("keeps plain text exactly", () => {
    expect(excerpt("hello world", 0, 11, 5)).toBe("hello");
    expect(excerpt("hello world", 6, 11, 80)).toBe("world");
  });
});
