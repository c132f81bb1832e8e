import { describe, expect, it } from "vitest";
import { identityMapped } from "../mapped.js";
import { DecodedViews } from "./decoded-views.js";
import { htmlEntities } from "./html-entities.js";

function decode(text: string) {
  const out = new DecodedViews(new Set());
  htmlEntities.decode(identityMapped(text), out);
  return out.views();
}

describe("htmlEntities", () => {
  it("decodes numeric references to letters in place, as evidence", () => {
    const [view] = decode("say &#105;&#x67;&#110;ore");
    expect(view?.mapped.text).toBe("say ignore");
    expect([view?.mapped.starts[5], view?.mapped.ends[5]]).toEqual([10, 16]);
    expect(view?.evidence).toHaveLength(3);
  });

  it("decodes named references; markup escapes alone are not evidence", () => {
    const [view] = decode("&lt;div class=&quot;a&quot;&gt; &amp; more");
    expect(view?.mapped.text).toBe('<div class="a"> & more');
    expect(view?.evidence).toEqual([]);
  });

  it("leaves one or two escapes and unknown names alone", () => {
    expect(decode("Tom &amp; Jerry &lt;3")).toEqual([]);
    expect(decode("&bogus; &#xZZ; &#;")).toEqual([]);
  });

  it("refuses references past Unicode or to surrogates", () => {
    expect(decode("&#x110000; &#xD800; &#0;")).toEqual([]);
  });
});
