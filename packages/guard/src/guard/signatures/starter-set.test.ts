import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createGuard } from "../guard.js";
import { SignatureIndex } from "./signature-index.js";
import { STARTER_SIGNATURES } from "./starter-set.js";

const source = readFileSync(new URL("./starter-set.ts", import.meta.url), "utf8");

describe("the starter signature set", () => {
  it("is generated, says so, and says how to regenerate it", () => {
    expect(source.startsWith("// GENERATED FILE: do not edit. Regenerate with `npm run signatures`")).toBe(true);
  });

  it("stays small enough to ship in the guard", () => {
    expect(Buffer.byteLength(source)).toBeLessThanOrEqual(300 * 1024);
  });

  it("is a valid set of jailbreak signatures that every new guard loads", () => {
    expect(SignatureIndex.from(STARTER_SIGNATURES).size).toBe(STARTER_SIGNATURES.signatures.length);
    expect(STARTER_SIGNATURES.signatures.every((s) => s.category === "jailbreak")).toBe(true);
    expect(createGuard().signatureCount).toBe(STARTER_SIGNATURES.signatures.length);
  });
});
