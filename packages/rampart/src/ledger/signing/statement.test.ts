import { createHash } from "node:crypto";
import { RampartError } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { signEnvelope, verifyEnvelope } from "./dsse.js";
import { generateSigner, parseSigner, parseVerifier } from "./note-keys.js";
import {
  buildStatement,
  checkStatementDigest,
  decodeStatement,
  encodeStatement,
  MAX_STATEMENT_BYTES,
  PAYLOAD_TYPE,
  type Statement,
  type StatementInput,
} from "./statement.js";

const HEX = "ab".repeat(32);
const input: StatementInput = {
  subject: [{ name: "model.onnx", digest: { sha256: HEX } }],
  evaluatorVersion: "0.1.0",
  suite: { name: "jailbreak-suite", digest: { sha256: "cd".repeat(32) } },
  seed: 7,
  result: { recall: 0.93, cases: [{ id: "a", blocked: true }], note: "\u20ac" },
  evaluatedAt: new Date("2026-01-02T03:04:05.678Z"),
};
const statement = buildStatement(input);
const encoder = new TextEncoder();

function attestationInvalid(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(RampartError);
    expect((error as RampartError).code).toBe("ATTESTATION_INVALID");
    return (error as RampartError).message;
  }
  throw new Error("expected ATTESTATION_INVALID");
}

function withPredicate(change: Partial<Statement["predicate"]>): Statement {
  return { ...statement, predicate: { ...statement.predicate, ...change } };
}

describe("buildStatement", () => {
  it("fills in the in-toto fields and digests the result's canonical JSON", () => {
    const canonical = '{"cases":[{"blocked":true,"id":"a"}],"note":"\u20ac","recall":0.93}';
    expect(statement).toEqual({
      _type: "https://in-toto.io/Statement/v1",
      subject: input.subject,
      predicateType: "https://rampart.dev/attestation/evaluation/v1",
      predicate: {
        evaluator: { name: "rampart", version: "0.1.0" },
        suite: input.suite,
        seed: 7,
        result: input.result,
        resultDigest: { sha256: createHash("sha256").update(canonical).digest("hex") },
        evaluatedAt: "2026-01-02T03:04:05.678Z",
      },
    });
    expect(checkStatementDigest(statement)).toEqual({ ok: true });
  });

  it("leaves seed out when none is given, and stores the result as its JSON form", () => {
    const { seed: _, ...unseeded } = input;
    const built = buildStatement({ ...unseeded, result: { at: new Date(0), skipped: undefined } });
    expect("seed" in built.predicate).toBe(false);
    expect(built.predicate.result).toEqual({ at: "1970-01-01T00:00:00.000Z" });
  });

  it.each([
    ["a NaN in the result", { ...input, result: { score: Number.NaN } }, /NaN/],
    ["a lone surrogate in the result", { ...input, result: { text: "\ud800" } }, /surrogate/],
    ["an array result", { ...input, result: [1, 2] }, /predicate\.result/],
    ["no subject", { ...input, subject: [] }, /subject/],
    [
      "an upper-case digest",
      { ...input, subject: [{ name: "m", digest: { sha256: HEX.toUpperCase() } }] },
      /subject\[0\]\.digest\.sha256/,
    ],
    ["an invalid date", { ...input, evaluatedAt: new Date(Number.NaN) }, /invalid date/],
    ["a fractional seed", { ...input, seed: 1.5 }, /predicate\.seed/],
  ])("refuses %s with INPUT_INVALID", (_, bad, why) => {
    expect(() => buildStatement(bad)).toThrow(why);
    expect(() => buildStatement(bad)).toThrow(RampartError);
  });
});

describe("encodeStatement and decodeStatement", () => {
  it("round-trips through canonical JSON bytes", () => {
    const bytes = encodeStatement(statement);
    expect(new TextDecoder().decode(bytes).startsWith('{"_type":"https://in-toto.io/Statement/v1","predicate":')).toBe(
      true,
    );
    expect(decodeStatement(bytes)).toEqual(statement);
  });

  it("encodes and signs identically whatever the key order of the result", () => {
    const signer = parseSigner(generateSigner("rampart.dev/evaluator").signerKey);
    const ab = buildStatement({ ...input, result: { a: 1, b: { y: 2, x: [3] } } });
    const ba = buildStatement({ ...input, result: { b: { x: [3], y: 2 }, a: 1 } });
    expect(ab.predicate.resultDigest).toEqual(ba.predicate.resultDigest);
    expect(encodeStatement(ab)).toEqual(encodeStatement(ba));
    expect(signEnvelope(PAYLOAD_TYPE, encodeStatement(ab), [signer])).toEqual(
      signEnvelope(PAYLOAD_TYPE, encodeStatement(ba), [signer]),
    );
  });

  it("carries an attestation end to end: build, encode, sign, verify, decode, check", () => {
    const { signerKey, verifierKey } = generateSigner("rampart.dev/evaluator");
    const envelope = JSON.parse(
      JSON.stringify(signEnvelope(PAYLOAD_TYPE, encodeStatement(statement), [parseSigner(signerKey)])),
    );
    const verified = verifyEnvelope(envelope, [parseVerifier(verifierKey)]);
    if (!verified.ok) throw new Error(verified.reason);
    expect(verified.payloadType).toBe(PAYLOAD_TYPE);
    const decoded = decodeStatement(verified.payload);
    expect(checkStatementDigest(decoded)).toEqual({ ok: true });
    expect(decoded.predicate.result).toEqual(input.result);
  });

  it.each([
    ["invalid UTF-8", Uint8Array.of(0x7b, 0xff, 0x7d), /not valid UTF-8/],
    ["a byte order mark", encoder.encode(`\ufeff${new TextDecoder().decode(encodeStatement(statement))}`), /not JSON/],
    ["text that is not JSON", encoder.encode("{"), /not JSON/],
    [
      "indented JSON",
      encoder.encode(JSON.stringify(JSON.parse(new TextDecoder().decode(encodeStatement(statement))), null, 2)),
      /not RFC 8785 canonical/,
    ],
    [
      "a duplicate key",
      encoder.encode(new TextDecoder().decode(encodeStatement(statement)).replace("{", '{"_type":"x",')),
      /not RFC 8785 canonical/,
    ],
    [
      "another _type",
      encoder.encode(JSON.stringify({ ...statement, _type: "https://in-toto.io/Statement/v0.1" })),
      /_type/,
    ],
    ["no subject", encoder.encode(JSON.stringify({ ...statement, subject: [] })), /subject/],
    ["an unknown predicate key", encoder.encode(JSON.stringify(withPredicate({ extra: 1 } as never))), /predicate/],
    [
      "a bad evaluatedAt",
      encoder.encode(JSON.stringify(withPredicate({ evaluatedAt: "yesterday" }))),
      /predicate\.evaluatedAt/,
    ],
  ])("rejects %s with ATTESTATION_INVALID", (_, bytes, why) => {
    expect(attestationInvalid(() => decodeStatement(bytes))).toMatch(why);
  });

  it("rejects a payload over 16 MiB before parsing it", () => {
    const huge = new Uint8Array(MAX_STATEMENT_BYTES + 1).fill(0xff);
    expect(attestationInvalid(() => decodeStatement(huge))).toMatch(/over the 16777216 limit/);
  });

  it("refuses to encode an invalid statement", () => {
    expect(() => encodeStatement(withPredicate({ seed: Number.NaN }))).toThrow(/predicate\.seed/);
  });
});

describe("checkStatementDigest", () => {
  it("rejects a result changed after the digest was taken", () => {
    const changed = withPredicate({ result: { ...statement.predicate.result, recall: 0.99 } });
    const result = checkStatementDigest(changed);
    expect(result).toMatchObject({ ok: false, code: "ATTESTATION_INVALID" });
    expect(!result.ok && result.reason).toContain(
      `resultDigest ${statement.predicate.resultDigest.sha256} does not match`,
    );
    expect(checkStatementDigest(decodeStatement(encodeStatement(changed)))).toMatchObject({ ok: false });
  });
});
