import { createHash } from "node:crypto";
import { RampartError } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { generateSigner, keyNameProblem, parseSigner, parseVerifier } from "./note-keys.js";

const encoder = new TextEncoder();

function keyInvalid(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(RampartError);
    expect((error as RampartError).code).toBe("KEY_INVALID");
    return (error as RampartError).message;
  }
  throw new Error("expected KEY_INVALID");
}

describe("generated keys", () => {
  const { signerKey, verifierKey } = generateSigner("rampart.dev/ledger");

  it("round-trips: the parsed signer's signatures verify under the parsed verifier", () => {
    const signer = parseSigner(signerKey);
    const verifier = parseVerifier(verifierKey);
    expect(signer.verifierKey).toBe(verifierKey);
    expect(verifier).toMatchObject({ name: "rampart.dev/ledger", keyIdHex: signer.keyIdHex, verifierKey });
    const message = encoder.encode("a message\n");
    const signature = signer.sign(message);
    expect(signature).toHaveLength(64);
    expect(verifier.verify(message, signature)).toBe(true);
    expect(verifier.verify(encoder.encode("another message\n"), signature)).toBe(false);
    expect(verifier.verify(message, signature.subarray(0, 63))).toBe(false);
  });

  it("computes the key id as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]", () => {
    // The base64 may itself contain '+', so it is everything after the second one.
    const data = Buffer.from(verifierKey.split("+").slice(2).join("+"), "base64");
    const hash = createHash("sha256").update("rampart.dev/ledger\n").update(data).digest();
    expect(parseVerifier(verifierKey).keyIdHex).toBe(hash.subarray(0, 4).toString("hex"));
    expect(data[0]).toBe(0x01);
  });

  it("reads key files that end in one newline, and no more", () => {
    expect(parseVerifier(`${verifierKey}\n`).verifierKey).toBe(verifierKey);
    expect(parseSigner(`${signerKey}\r\n`).verifierKey).toBe(verifierKey);
    keyInvalid(() => parseVerifier(`${verifierKey}\n\n`));
  });

  it("makes a different key each time", () => {
    expect(generateSigner("rampart.dev/ledger").verifierKey).not.toBe(verifierKey);
  });
});

describe("key names", () => {
  it.each([
    ["", /empty/],
    ["a b", /space/],
    ["a\u00a0b", /space/],
    ["a\u2028b", /space/],
    ["a+b", /'\+'/],
    ["a\u0000b", /control/],
    ["a\ud800", /lone surrogate/],
  ])("refuses %j", (name, why) => {
    expect(keyNameProblem(name)).toMatch(why);
    expect(keyInvalid(() => generateSigner(name))).toMatch(why);
  });

  it("accepts URLs and non-ASCII names", () => {
    expect(keyNameProblem("example.com/log-42")).toBeUndefined();
    expect(keyNameProblem("\u65e5\u672c/\u{1f600}")).toBeUndefined();
  });
});

describe("malformed keys", () => {
  const { signerKey, verifierKey } = generateSigner("example.com/log");
  const [name, keyIdHex] = verifierKey.split("+") as [string, string];
  const data = verifierKey.slice(name.length + keyIdHex.length + 2);
  const withData = (raw: Uint8Array) => `${name}+${keyIdHex}+${Buffer.from(raw).toString("base64")}`;

  it.each([
    ["no separators", "example.com/log", /expected <name>\+<key id>\+<key data>/],
    ["a signer key", signerKey, /signer \(private\) key/],
    ["upper-case hex", `${name}+${keyIdHex.toUpperCase()}+${data}`, /8 lowercase hex digits/],
    ["a short key id", `${name}+${keyIdHex.slice(1)}+${data}`, /8 lowercase hex digits/],
    ["a stray base64 character", `${name}+${keyIdHex}+${data.slice(0, 10)}*${data.slice(11)}`, /base64/],
    ["truncated base64", `${name}+${keyIdHex}+${data.slice(0, -1)}`, /base64/],
    [
      "a key id for another key",
      `${name}+${keyIdHex === "00000000" ? "00000001" : "00000000"}+${data}`,
      /does not match/,
    ],
    ["a bad name", `bad name+${keyIdHex}+${data}`, /space/],
  ])("rejects a verifier key with %s", (_, text, why) => {
    expect(keyInvalid(() => parseVerifier(text))).toMatch(why);
  });

  it("rejects key data of the wrong length or algorithm with a specific message", () => {
    const raw = Buffer.from(data, "base64");
    expect(keyInvalid(() => parseVerifier(withData(raw.subarray(0, 32))))).toMatch(/got 31/);
    expect(keyInvalid(() => parseVerifier(withData(Buffer.concat([raw, raw]))))).toMatch(/got 65/);
    expect(keyInvalid(() => parseVerifier(withData(Buffer.from([2, ...raw.subarray(1)]))))).toMatch(/type 0x02/);
    expect(keyInvalid(() => parseVerifier(`${name}+${keyIdHex}+`))).toMatch(/no signature type/);
  });

  it("rejects signer keys without the PRIVATE+KEY+ prefix or with a key id that is not the seed's", () => {
    expect(keyInvalid(() => parseSigner(signerKey.replace("PRIVATE+KEY+", "PRIVATE+")))).toMatch(/PRIVATE\+KEY\+/);
    const otherId = signerKey.replace(/\+[0-9a-f]{8}\+/, "+00000000+");
    expect(keyInvalid(() => parseSigner(otherId))).toMatch(/key id 00000000 does not match the key/);
  });

  it("never repeats a signer key's text in its messages", () => {
    const secret = signerKey.slice(signerKey.lastIndexOf("+") + 1);
    const broken = signerKey.replace(/\+[0-9a-f]{8}\+/, "+00000000+");
    expect(keyInvalid(() => parseSigner(broken))).not.toContain(secret);
    expect(keyInvalid(() => parseVerifier(signerKey))).not.toContain(secret);
  });

  // note_test.go's TestNewVerifier/TestNewSigner: every proper substring and every one-byte change is refused.
  it.each([
    ["verifier", verifierKey, parseVerifier],
    ["signer", signerKey, parseSigner],
  ] as const)("refuses every substring and every incremented byte of a %s key", (_, key, parse) => {
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i !== 0 || j !== key.length) keyInvalid(() => parse(key.slice(i, j)));
      }
    }
    for (let i = 0; i < key.length; i++) {
      keyInvalid(() => parse(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1)));
    }
  });
});
