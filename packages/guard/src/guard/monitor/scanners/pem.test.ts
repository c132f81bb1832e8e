import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PemBlock, PemBlocks } from "./pem.js";

const BODY = "MIIEpAIBAAKCAQEA7bq9Zx3Kp2Lw8V0nR5tY1uQ4sH6jD9fG2cB7mN3xE5aT8kW1\n".repeat(6);
const KEY = `-----BEGIN RSA PRIVATE KEY-----\n${BODY}-----END RSA PRIVATE KEY-----`;

function blocks(pieces: readonly string[], cap = 16 * 1024): { found: PemBlock[]; pending: number[] } {
  const pem = new PemBlocks(cap);
  const found: PemBlock[] = [];
  const pending: number[] = [];
  let length = 0;
  for (const piece of pieces) {
    found.push(...pem.push(piece, length));
    length += piece.length;
    pending.push(pem.pending(length));
  }
  found.push(...pem.end());
  return { found, pending };
}

describe("PemBlocks", () => {
  it("finds a private key block from BEGIN to the end of the END line", () => {
    const text = `Here it is:\n${KEY}\nKeep it safe.`;
    const start = text.indexOf("-----BEGIN");
    expect(blocks([text]).found).toEqual([{ start, end: start + KEY.length, capped: false }]);
  });

  it.each(["PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"])(
    "knows the %s label",
    (label) => {
      const text = `-----BEGIN ${label}-----\n${BODY}-----END ${label}-----`;
      expect(blocks([text]).found).toHaveLength(1);
    },
  );

  it("holds everything from BEGIN back until the END line", () => {
    const pieces = ["text -----BEGIN RSA PRIV", "ATE KEY-----\n", BODY, "-----END RSA PRIVATE KEY-----", " after"];
    const fromBegin = [19, 19 + 13, 19 + 13 + BODY.length];
    expect(blocks(pieces).pending).toEqual([...fromBegin, 0, 0]);
  });

  it("holds back a marker cut by a chunk boundary, and nothing else", () => {
    expect(blocks(["some text -----BEG"]).pending).toEqual([8]);
    expect(blocks(["some text ---"]).pending).toEqual([3]);
    expect(blocks(["some text"]).pending).toEqual([0]);
  });

  it("cuts a block with no END line at the cap, and reports what was held", () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${BODY.repeat(10)}`;
    expect(blocks([text], 256).found).toEqual([{ start: 0, end: 256, capped: true }]);
  });

  it("reports a block the stream ends inside", () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${BODY}`;
    expect(blocks([text]).found).toEqual([{ start: 0, end: text.length, capped: true }]);
  });

  it.each([
    ["a certificate", `-----BEGIN CERTIFICATE-----\n${BODY}-----END CERTIFICATE-----`],
    ["a public key", `-----BEGIN PUBLIC KEY-----\n${BODY}-----END PUBLIC KEY-----`],
    ["an example with an elided body", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"],
    ["a placeholder", "-----BEGIN PRIVATE KEY-----\n<your private key here>\n-----END PRIVATE KEY-----"],
  ])("ignores %s", (_what, text) => {
    expect(blocks([text]).found).toEqual([]);
  });

  it("finds the same blocks however the stream is cut", () => {
    const text = `a\n${KEY}\n-----BEGIN CERTIFICATE-----\nxx\n${KEY.replaceAll("RSA ", "")}\n-----BEGIN PRIVATE KEY-----\n${BODY}`;
    const whole = blocks([text], 300).found;
    expect(whole).toHaveLength(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 40 }), (points) => {
        const cuts = [...new Set(points)].sort((a, b) => a - b);
        const pieces = [...cuts, text.length].map((end, i) => text.slice(i === 0 ? 0 : cuts[i - 1], end));
        expect(blocks(pieces, 300).found).toEqual(whole);
      }),
    );
  });
});
