import { describe, expect, it } from "vitest";
import { DecodedViews } from "./decoded-views.js";

describe("DecodedViews", () => {
  it("groups pieces by name, a newline between them, and keeps the first evidence as the reason", () => {
    const out = new DecodedViews(new Set());
    out.begin("hex").pushString("one", 0, 6);
    out.commit({ spans: [{ start: 0, end: 6 }], sources: ["6f6e65"], evidence: true, describe: "hex text decodes to" });
    out.begin("hex").pushString("two", 10, 16);
    out.commit({
      spans: [{ start: 10, end: 16 }],
      sources: ["74776f"],
      evidence: true,
      describe: "hex text decodes to",
    });
    const [view] = out.views();
    expect(view?.mapped.text).toBe("one\ntwo");
    expect(Array.from(view?.mapped.starts ?? [])).toEqual([0, 0, 0, 6, 10, 10, 10]);
    expect(view?.reason).toBe('hex text decodes to "one"');
    expect(view?.evidence).toHaveLength(2);
  });

  it("drops a piece whose every stretch was decoded before", () => {
    const seen = new Set<string>();
    const piece = { spans: [{ start: 0, end: 5 }], sources: ["&#65;"], evidence: true, describe: "html" };
    const first = new DecodedViews(seen);
    first.begin("html").pushString("A", 0, 5);
    expect(first.commit(piece)).toBe(true);
    const again = new DecodedViews(seen);
    again.begin("html").pushString("A", 0, 5);
    expect(again.commit(piece)).toBe(false);
    expect(again.views()).toEqual([]);
  });

  it("keeps a nested decoding that maps to the same span but decodes different text", () => {
    const seen = new Set<string>();
    const outer = new DecodedViews(seen);
    outer.begin("base64").pushString("inner", 0, 8);
    outer.commit({ spans: [{ start: 0, end: 8 }], sources: ["aW5uZXI="], evidence: true, describe: "b64" });
    const inner = new DecodedViews(seen);
    inner.begin("base64").pushString("x", 0, 8);
    expect(inner.commit({ spans: [{ start: 0, end: 8 }], sources: ["eA=="], evidence: true, describe: "b64" })).toBe(
      true,
    );
  });

  it("rolls an abandoned piece back, joiner included", () => {
    const out = new DecodedViews(new Set());
    out.begin("url").pushString("kept", 0, 4);
    out.commit({ spans: [{ start: 0, end: 4 }], sources: ["k"], evidence: false, describe: "url" });
    out.begin("url").pushString("dropped", 5, 9);
    out.abandon();
    expect(out.views()[0]?.mapped.text).toBe("kept");
  });
});
