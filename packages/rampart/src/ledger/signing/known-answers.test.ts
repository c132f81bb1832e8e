import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { parseCheckpointBody } from "./checkpoint.js";
import { pae, verifyEnvelope } from "./dsse.js";
import { decodeBase64 } from "./encoding.js";
import { generateSigner, parseSigner, parseVerifier } from "./note-keys.js";
import { openNote, signNote } from "./signed-note.js";

// golang.org/x/mod/sumdb/note: the package documentation's example (note.go) and TestOpen's second
// key (note_test.go), github.com/golang/mod at 605edab4323bfdf06a0d8ac68b4b18e9e0df249b.
const PETER_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const PETER_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const ENOCH_VERIFIER = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_LINE =
  "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_LINE =
  "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

// c2sp.org/signed-note's example verifier key and note, as quoted by several independent implementations;
// the signature verifying under the key is what this test relies on.
const SPEC_VERIFIER = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const SPEC_NOTE =
  "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

// c2sp.org/tlog-checkpoint's example (github.com/C2SP/C2SP tlog-checkpoint.md); its key is not published.
const SPEC_CHECKPOINT =
  "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

describe("golang.org/x/mod/sumdb/note vectors", () => {
  it("reads the example keys: names, key ids and the verifier key derived from the seed", () => {
    const signer = parseSigner(PETER_SIGNER);
    expect(signer).toMatchObject({ name: "PeterNeumann", keyIdHex: "c74f20a3", verifierKey: PETER_VERIFIER });
    expect([...signer.keyId]).toEqual([0xc7, 0x4f, 0x20, 0xa3]);
    expect(parseVerifier(PETER_VERIFIER)).toMatchObject({ name: "PeterNeumann", keyIdHex: "c74f20a3" });
    expect(parseVerifier(ENOCH_VERIFIER)).toMatchObject({ name: "EnochRoot", keyIdHex: "af0cfe78" });
  });

  it("signs the example text into the documented note byte for byte (Ed25519 is deterministic)", () => {
    expect(signNote(TEXT, [parseSigner(PETER_SIGNER)])).toBe(`${TEXT}\n${PETER_LINE}`);
  });

  it("opens the documented notes, ignoring signatures by keys it was not given", () => {
    const peter = parseVerifier(PETER_VERIFIER);
    const enoch = parseVerifier(ENOCH_VERIFIER);
    const both = `${TEXT}\n${PETER_LINE}${ENOCH_LINE}`;
    expect(openNote(`${TEXT}\n${PETER_LINE}`, [peter])).toEqual({ ok: true, body: TEXT, verifiedBy: [PETER_VERIFIER] });
    expect(openNote(both, [peter])).toEqual({ ok: true, body: TEXT, verifiedBy: [PETER_VERIFIER] });
    expect(openNote(both, [enoch, peter])).toEqual({
      ok: true,
      body: TEXT,
      verifiedBy: [PETER_VERIFIER, ENOCH_VERIFIER],
    });
    const unknown = openNote(both, [parseVerifier(generateSigner("PeterNeumann").verifierKey)]);
    expect(unknown).toMatchObject({ ok: false, code: "WRONG_KEY" });
    expect(!unknown.ok && unknown.reason).toContain("PeterNeumann+c74f20a3, EnochRoot+af0cfe78");
  });

  it("rejects the invalid signature of note_test.go's TestOpen", () => {
    const bad = `${TEXT}\n${PETER_LINE.slice(0, 60)}ABCD${PETER_LINE.slice(60)}`;
    expect(openNote(bad, [parseVerifier(PETER_VERIFIER)])).toMatchObject({ ok: false, code: "BAD_SIGNATURE" });
  });

  it("rejects note_test.go's mangled keys: a wrong length and an unknown algorithm, each with a matching key id", () => {
    // Go reads "…EY==" ignoring the last symbol's unused bits; the strict decoder refuses it before the length check.
    expect(() => parseVerifier("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")).toThrow(
      /not canonical standard base64/,
    );
    expect(() => parseVerifier("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).toThrow(
      /signature type 0x65; only Ed25519/,
    );
  });
});

describe("C2SP vectors", () => {
  it("opens the signed-note example", () => {
    expect(parseVerifier(SPEC_VERIFIER).keyIdHex).toBe("530d903a");
    expect(openNote(SPEC_NOTE, [parseVerifier(SPEC_VERIFIER)])).toEqual({
      ok: true,
      body: "This is an example message.\n",
      verifiedBy: [SPEC_VERIFIER],
    });
  });

  it("reads the tlog-checkpoint example's text, and names its signer when the key is not trusted", () => {
    const body = SPEC_CHECKPOINT.slice(0, SPEC_CHECKPOINT.indexOf("\n\n") + 1);
    const checkpoint = parseCheckpointBody(body);
    expect(checkpoint).toMatchObject({ origin: "example.com/behind-the-sofa", size: 20852163, extensions: [] });
    expect(checkpoint.root).toEqual(decodeBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
    const verifier = parseVerifier(generateSigner("example.com/behind-the-sofa").verifierKey);
    const opened = openNote(SPEC_CHECKPOINT, [verifier]);
    expect(opened).toMatchObject({ ok: false, code: "WRONG_KEY" });
    expect(!opened.ok && opened.reason).toContain("example.com/behind-the-sofa+033de0ae");
  });
});

describe("DSSE vector (protocol.md, Test Vectors)", () => {
  it("encodes PAE as the spec prints it", () => {
    const bytes = pae("http://example.com/HelloWorld", new TextEncoder().encode("hello world"));
    expect(Buffer.from(bytes).toString("latin1")).toBe("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  });

  it("reads the spec's envelope (no keyid; its ECDSA key is not an Ed25519 note key, so nothing trusted signed it)", () => {
    const envelope = {
      payload: "aGVsbG8gd29ybGQ=",
      payloadType: "http://example.com/HelloWorld",
      signatures: [{ sig: "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==" }],
    };
    const result = verifyEnvelope(envelope, [parseVerifier(generateSigner("someone").verifierKey)]);
    expect(result).toEqual({ ok: false, code: "WRONG_KEY", reason: expect.stringContaining("(no keyid)") });
  });
});

describe("RFC 8785 canonical JSON", () => {
  it("sorts keys by UTF-16 code units and writes numbers the ECMAScript way (RFC 8785 §3.2.2, §3.2.3)", () => {
    const value = { "\u20ac": "Euro", "\r": "CR", "1": "One", numbers: [1e30, 4.5, 0.002, 1e-27, -0], literal: null };
    expect(canonicalize(value)).toBe(
      '{"\\r":"CR","1":"One","literal":null,"numbers":[1e+30,4.5,0.002,1e-27,0],"\u20ac":"Euro"}',
    );
  });
});
