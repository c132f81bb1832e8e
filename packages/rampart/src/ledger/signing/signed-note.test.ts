import { RampartError } from "@rampart/guard";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSigner, parseSigner, parseVerifier, type Verifier } from "./note-keys.js";
import { MAX_NOTE_BYTES, MAX_NOTE_SIGNATURES, openNote, signNote } from "./signed-note.js";

function keyPair(name: string) {
  const { signerKey, verifierKey } = generateSigner(name);
  return { signer: parseSigner(signerKey), verifier: parseVerifier(verifierKey) };
}

const log = keyPair("example.com/log");
const witness = keyPair("example.com/witness");
const BODY = "example.com/log\n42\n\ntext with an empty line above\n";
const note = signNote(BODY, [log.signer]);

function reasonOf(result: ReturnType<typeof openNote>): string {
  if (result.ok) throw new Error("expected a rejection");
  return result.reason;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

describe("signNote and openNote", () => {
  it("round-trips a body with empty lines, separated from the signatures by the last blank line", () => {
    expect(note.startsWith(`${BODY}\n\u2014 example.com/log `)).toBe(true);
    expect(openNote(note, [log.verifier])).toEqual({ ok: true, body: BODY, verifiedBy: [log.verifier.verifierKey] });
  });

  it("round-trips any body of printable lines, empty ones included", () => {
    const line = fc.string({
      unit: fc.constantFrom("a", "Z", " ", "\u00e9", "\u2014", "\u{1f600}", "+"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const body = lines.map((l) => `${l}\n`).join("");
        expect(openNote(signNote(body, [log.signer, witness.signer]), [witness.verifier])).toEqual({
          ok: true,
          body,
          verifiedBy: [witness.verifier.verifierKey],
        });
      }),
      { numRuns: 200 },
    );
  });

  it("needs only one trusted signature and reports every trusted key that signed", () => {
    const both = signNote(BODY, [log.signer, witness.signer]);
    expect(openNote(both, [witness.verifier])).toMatchObject({ ok: true, verifiedBy: [witness.verifier.verifierKey] });
    expect(openNote(both, [log.verifier, witness.verifier])).toMatchObject({
      verifiedBy: [log.verifier.verifierKey, witness.verifier.verifierKey],
    });
  });

  it("rejects a note no trusted key signed with WRONG_KEY, naming the signers present", () => {
    const result = openNote(note, [witness.verifier]);
    expect(result).toMatchObject({ ok: false, code: "WRONG_KEY" });
    expect(reasonOf(result)).toContain(`example.com/log+${log.signer.keyIdHex}`);
    expect(openNote(note, [])).toMatchObject({ ok: false, code: "WRONG_KEY" });
  });

  it("rejects the whole note when a trusted key's signature fails, even if another trusted key's verifies", () => {
    const forged = keyPair("example.com/witness");
    const line = signNote(BODY, [forged.signer]).slice(BODY.length + 1);
    // The forged line claims the witness's name and key id but carries another key's signature.
    const claimed = line.replace(/ \S+\n$/, (b64) => {
      const bytes = Buffer.from(b64.trim(), "base64");
      bytes.set(witness.signer.keyId);
      return ` ${bytes.toString("base64")}\n`;
    });
    const result = openNote(`${note}${claimed}`, [log.verifier, witness.verifier]);
    expect(result).toMatchObject({ ok: false, code: "BAD_SIGNATURE" });
    expect(reasonOf(result)).toContain(`example.com/witness+${witness.signer.keyIdHex}`);
    expect(openNote(`${note}${claimed}`, [log.verifier])).toMatchObject({ ok: true });
  });

  it("accepts a repeated identical signature line and a trusted key listed twice", () => {
    const repeated = note + note.slice(BODY.length + 1);
    expect(openNote(repeated, [log.verifier, log.verifier])).toMatchObject({
      ok: true,
      verifiedBy: [log.verifier.verifierKey],
    });
  });

  it("refuses two different trusted keys with one name and key id (KEY_INVALID)", () => {
    const impostor: Verifier = { ...log.verifier, verifierKey: `${log.verifier.verifierKey}x`, verify: () => true };
    expect(openNote(note, [log.verifier, impostor])).toMatchObject({ ok: false, code: "KEY_INVALID" });
  });
});

describe("tampering", () => {
  const bytes = new TextEncoder().encode(note);
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);

  it("rejects every single-bit flip of the body: BAD_SIGNATURE, or INPUT_INVALID where it makes a control character", () => {
    for (let bit = 0; bit < (BODY.length - 1) * 8; bit++) {
      const flipped = decode(flipBit(bytes, bit));
      const control = /[\u0000-\u0009\u000b-\u001f]/.test(flipped);
      expect(openNote(flipped, [log.verifier])).toMatchObject({
        ok: false,
        code: control ? "INPUT_INVALID" : "BAD_SIGNATURE",
      });
    }
  });

  it("rejects every single-bit flip of the signature: WRONG_KEY in the key id, BAD_SIGNATURE in the signature", () => {
    const prefix = note.slice(0, note.lastIndexOf(" ") + 1);
    const signature = Buffer.from(note.slice(prefix.length, -1), "base64");
    expect(signature).toHaveLength(68);
    for (let bit = 0; bit < signature.length * 8; bit++) {
      const line = Buffer.from(flipBit(signature, bit)).toString("base64");
      const expected = bit < 32 ? "WRONG_KEY" : "BAD_SIGNATURE";
      expect(openNote(`${prefix}${line}\n`, [log.verifier])).toMatchObject({ ok: false, code: expected });
    }
  });

  it("rejects every single-bit flip anywhere in the note's bytes", () => {
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      expect(openNote(decode(flipBit(bytes, bit)), [log.verifier]).ok).toBe(false);
    }
  });
});

describe("malformed notes", () => {
  const line = note.slice(BODY.length + 1);
  const sig = line.slice(line.lastIndexOf(" ") + 1, -1);

  it.each([
    ["without a blank line", `one line\n${line}`, /no blank line/],
    [
      "without the separating blank line, its text's own empty line taken for it",
      `${BODY}${line}`,
      /line 1: .*em dash/,
    ],
    ["with '-' for the em dash", `${BODY}\n- example.com/log ${sig}\n`, /em dash/],
    ["without signature lines", `${BODY}\n`, /no signature lines/],
    ["without the final newline", note.slice(0, -1), /does not end with a newline/],
    ["with a carriage return", note.replace("42\n", "42\r\n"), /control character/],
    ["with a lone surrogate", note.replace("42", "4\ud8002"), /lone surrogate/],
    ["with a line after the signatures", `${note}trailing text\n`, /signature line 2: .*em dash/],
    ["with a space in the key name", `${BODY}\n\u2014 bad name ${sig}\n`, /not canonical standard base64/],
    ["with no signature after the name", `${BODY}\n\u2014 example.com/log\n`, /expected a key name, a space/],
    ["with bad base64", `${BODY}\n\u2014 example.com/log ${sig.slice(1)}\n`, /not canonical standard base64/],
    ["with a too-short signature", `${BODY}\n\u2014 example.com/log AAAAAA==\n`, /shorter than a key id/],
    ["over 1 MiB (2 MB)", `${"x".repeat(2_000_000)}\n\n${line}`, /over 1048576 bytes/],
    ["over 1 MiB in UTF-8 bytes only", `${"\u00e9".repeat(MAX_NOTE_BYTES / 2)}\n\n${line}`, /over 1048576 bytes/],
    ["with 101 signature lines", `${BODY}\n${line.repeat(MAX_NOTE_SIGNATURES + 1)}`, /101 signature lines/],
  ])("rejects a note %s with INPUT_INVALID", (_, text, why) => {
    const result = openNote(text, [log.verifier]);
    expect(result).toMatchObject({ ok: false, code: "INPUT_INVALID" });
    expect(reasonOf(result)).toMatch(why);
  });

  it("accepts 100 signature lines", () => {
    expect(openNote(`${BODY}\n${line.repeat(MAX_NOTE_SIGNATURES)}`, [log.verifier])).toMatchObject({ ok: true });
  });
});

describe("signNote refuses", () => {
  it.each([
    ["a body without its final newline", "abc", [log.signer], /end with a newline/],
    ["an empty body", "", [log.signer], /end with a newline/],
    ["a control character", "a\tb\n", [log.signer], /control character/],
    ["no signers", "abc\n", [], /1 to 100 signers, got 0/],
    ["the same key twice", "abc\n", [log.signer, log.signer], /listed twice/],
    ["a text over 1 MiB", `${"x".repeat(MAX_NOTE_BYTES)}\n`, [log.signer], /text is over/],
    ["a note that signatures take over 1 MiB", `${"x".repeat(MAX_NOTE_BYTES - 50)}\n`, [log.signer], /would exceed/],
  ])("%s", (_, body, signers, why) => {
    expect(() => signNote(body, signers)).toThrow(why);
    expect(() => signNote(body, signers)).toThrow(RampartError);
  });
});
