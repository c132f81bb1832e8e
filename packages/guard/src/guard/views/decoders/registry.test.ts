import { describe, expect, it } from "vitest";
import { OBFUSCATION_DETECTORS } from "../findings.js";
import { identityMapped } from "../mapped.js";
import { DecodedViews } from "./decoded-views.js";
import { DECODERS } from "./registry.js";

describe.each(DECODERS.map((d) => [d.name, d] as const))("decoder %s", (_name, decoder) => {
  it("declares a description and a known detector", () => {
    expect(decoder.description.length).toBeGreaterThan(10);
    expect(OBFUSCATION_DETECTORS).toContain(decoder.detector);
  });

  it("decodes nothing from plain prose", () => {
    const out = new DecodedViews(new Set());
    decoder.decode(identityMapped("What is the capital of France? Tell me about its history."), out);
    expect(out.views()).toEqual([]);
  });
});

describe("the decoder registry", () => {
  it("has unique names", () => {
    expect(new Set(DECODERS.map((d) => d.name)).size).toBe(DECODERS.length);
  });
});
