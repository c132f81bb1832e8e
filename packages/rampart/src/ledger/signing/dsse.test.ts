import { RampartError } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { type Envelope, envelopeSchema, MAX_ENVELOPE_SIGNATURES, pae, signEnvelope, verifyEnvelope } from "./dsse.js";
import { generateSigner, parseSigner, parseVerifier } from "./note-keys.js";

function keyPair(name: string) {
  const { signerKey, verifierKey } = generateSigner(name);
  return { signer: parseSigner(signerKey), verifier: parseVerifier(verifierKey) };
}

const alice = keyPair("alice.example");
const bob = keyPair("bob.example");
const TYPE = "application/vnd.example+json";
const PAYLOAD = new TextEncoder().encode('{"hello":"world"}');
const envelope = signEnvelope(TYPE, PAYLOAD, [alice.signer]);

function flipBit(base64: string, bit: number): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString("base64");
}

function withSig(env: Envelope, sig: string, keyid = env.signatures[0]!.keyid): Envelope {
  return { ...env, signatures: [{ keyid, sig }] };
}

describe("pae", () => {
  it("counts lengths in UTF-8 bytes, not characters", () => {
    const bytes = pae("t\u00ffpe", Uint8Array.of(0, 255));
    expect([...bytes]).toEqual([...Buffer.from("DSSEv1 5 t\u00ffpe 2 "), 0, 255]);
  });

  it("encodes empty fields", () => {
    expect(Buffer.from(pae("", new Uint8Array())).toString()).toBe("DSSEv1 0  0 ");
  });
});

describe("signEnvelope and verifyEnvelope", () => {
  it("round-trips, naming each signer's verifier key as the keyid", () => {
    expect(envelope).toEqual({
      payloadType: TYPE,
      payload: Buffer.from(PAYLOAD).toString("base64"),
      signatures: [{ keyid: alice.verifier.verifierKey, sig: expect.any(String) }],
    });
    expect(verifyEnvelope(envelope, [alice.verifier])).toEqual({
      ok: true,
      payloadType: TYPE,
      payload: PAYLOAD,
      verifiedBy: [alice.verifier.verifierKey],
    });
  });

  it("survives a JSON round trip and reports every trusted signer", () => {
    const both = JSON.parse(JSON.stringify(signEnvelope(TYPE, PAYLOAD, [alice.signer, bob.signer])));
    expect(verifyEnvelope(both, [bob.verifier, alice.verifier])).toMatchObject({
      ok: true,
      verifiedBy: [alice.verifier.verifierKey, bob.verifier.verifierKey],
    });
    expect(verifyEnvelope(both, [bob.verifier])).toMatchObject({ ok: true, verifiedBy: [bob.verifier.verifierKey] });
  });

  it("treats keyids as hints: a missing or unknown keyid still verifies against the trusted keys", () => {
    const { keyid: _, ...unnamed } = envelope.signatures[0]!;
    expect(verifyEnvelope({ ...envelope, signatures: [unnamed] }, [alice.verifier])).toMatchObject({ ok: true });
    expect(verifyEnvelope(withSig(envelope, unnamed.sig, "some-other-key"), [alice.verifier])).toMatchObject({
      ok: true,
      verifiedBy: [alice.verifier.verifierKey],
    });
  });

  it("accepts URL-safe base64, which DSSE verifiers must", () => {
    const urlSafe = {
      ...envelope,
      payload: Buffer.from(PAYLOAD).toString("base64url"),
      signatures: envelope.signatures.map((s) => ({ ...s, sig: Buffer.from(s.sig, "base64").toString("base64url") })),
    };
    expect(verifyEnvelope(urlSafe, [alice.verifier])).toMatchObject({ ok: true, payload: PAYLOAD });
  });

  it("rejects an envelope no trusted key signed with WRONG_KEY, listing the keyids", () => {
    const result = verifyEnvelope(envelope, [bob.verifier]);
    expect(result).toEqual({
      ok: false,
      code: "WRONG_KEY",
      reason: expect.stringContaining(alice.verifier.verifierKey),
    });
  });

  it("rejects the envelope when a trusted key's signature fails, even if another trusted key's verifies", () => {
    const both = signEnvelope(TYPE, PAYLOAD, [alice.signer, bob.signer]);
    const broken = {
      ...both,
      signatures: [both.signatures[0]!, { ...both.signatures[1]!, sig: flipBit(both.signatures[1]!.sig, 0) }],
    };
    const result = verifyEnvelope(broken, [alice.verifier, bob.verifier]);
    expect(result).toEqual({
      ok: false,
      code: "BAD_SIGNATURE",
      reason: expect.stringContaining(bob.verifier.verifierKey),
    });
    expect(verifyEnvelope(broken, [alice.verifier])).toMatchObject({ ok: true });
  });
});

describe("tampering", () => {
  it("rejects every single-bit flip of the payload with BAD_SIGNATURE", () => {
    for (let bit = 0; bit < PAYLOAD.length * 8; bit++) {
      const tampered = { ...envelope, payload: flipBit(envelope.payload, bit) };
      expect(verifyEnvelope(tampered, [alice.verifier])).toMatchObject({ ok: false, code: "BAD_SIGNATURE" });
    }
  });

  it("rejects every single-bit flip of the signature with BAD_SIGNATURE", () => {
    const sig = envelope.signatures[0]!.sig;
    for (let bit = 0; bit < 64 * 8; bit++) {
      expect(verifyEnvelope(withSig(envelope, flipBit(sig, bit)), [alice.verifier])).toMatchObject({
        ok: false,
        code: "BAD_SIGNATURE",
      });
    }
  });

  it("rejects a changed payload type, which the signature covers", () => {
    expect(verifyEnvelope({ ...envelope, payloadType: "application/json" }, [alice.verifier])).toMatchObject({
      ok: false,
      code: "BAD_SIGNATURE",
    });
  });
});

describe("malformed envelopes", () => {
  const sig = envelope.signatures[0]!;
  it.each([
    ["not an object", "a string", /expected object/],
    ["an unknown key", { ...envelope, extra: 1 }, /Unrecognized key: "extra"/],
    [
      "an unknown signature key",
      { ...envelope, signatures: [{ ...sig, cert: "x" }] },
      /signatures\[0\]: Unrecognized key/,
    ],
    ["no payloadType", { payload: envelope.payload, signatures: envelope.signatures }, /payloadType/],
    ["an empty payloadType", { ...envelope, payloadType: "" }, /payloadType/],
    ["bad payload base64", { ...envelope, payload: "not base64!" }, /payload: expected canonical base64/],
    ["non-canonical base64", { ...envelope, payload: "aGVsbG9=" }, /payload: expected canonical base64/],
    ["bad signature base64", withSig(envelope, "@@@@"), /signatures\[0\]\.sig: expected canonical base64/],
    ["a numeric keyid", { ...envelope, signatures: [{ ...sig, keyid: 7 }] }, /signatures\[0\]\.keyid/],
    ["no signatures", { ...envelope, signatures: [] }, /signatures/],
    ["101 signatures", { ...envelope, signatures: Array(MAX_ENVELOPE_SIGNATURES + 1).fill(sig) }, /signatures/],
  ])("rejects %s with ATTESTATION_INVALID and the field's path", (_, value, why) => {
    const result = verifyEnvelope(value, [alice.verifier]);
    expect(result).toMatchObject({ ok: false, code: "ATTESTATION_INVALID" });
    expect(!result.ok && result.reason).toMatch(why);
  });

  it("fills a missing keyid with an empty one", () => {
    expect(envelopeSchema.parse({ ...envelope, signatures: [{ sig: sig.sig }] }).signatures[0]!.keyid).toBe("");
  });

  it("refuses to sign with an empty payload type or no signers", () => {
    expect(() => signEnvelope("", PAYLOAD, [alice.signer])).toThrow(/payload type is empty/);
    expect(() => signEnvelope(TYPE, PAYLOAD, [])).toThrow(RampartError);
  });
});
