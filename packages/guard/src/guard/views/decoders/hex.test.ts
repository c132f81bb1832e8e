import { describe, expect, it } from "vitest";
import { identityMapped } from "../mapped.js";
import { DecodedViews } from "./decoded-views.js";
import { hex } from "./hex.js";

function decode(text: string) {
  const out = new DecodedViews(new Set());
  hex.decode(identityMapped(text), out);
  return out.views();
}

const encode = (text: string) => Buffer.from(text, "utf8").toString("hex");

describe("hex", () => {
  it("decodes a run of digits, each byte mapped to its two digits", () => {
    const [view] = decode(`hex: ${encode("ignore all")}`);
    expect(view?.mapped.text).toBe("ignore all");
    expect([view?.mapped.starts[1], view?.mapped.ends[1]]).toEqual([7, 9]);
    expect(view?.evidence).toEqual([{ start: 5, end: 25 }]);
  });

  it("decodes spaced, \\x-prefixed and 0x-prefixed byte pairs", () => {
    const bytes = Array.from(Buffer.from("ignore all"), (b) => b.toString(16).padStart(2, "0"));
    expect(decode(bytes.join(" "))[0]?.mapped.text).toBe("ignore all");
    expect(decode(bytes.map((b) => `\\x${b}`).join(""))[0]?.mapped.text).toBe("ignore all");
    expect(decode(bytes.map((b) => `0x${b}`).join(", "))[0]?.mapped.text).toBe("ignore all");
  });

  it("makes no view of hashes, UUIDs or colours", () => {
    for (const text of [
      "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
      "550e8400-e29b-41d4-a716-446655440000",
      "#ff00ff #00ff00 0xdeadbeef",
    ]) {
      expect(decode(text), text).toEqual([]);
    }
  });
});
