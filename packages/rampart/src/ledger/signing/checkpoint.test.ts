import { RampartError } from "@rampart/guard";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Checkpoint,
  formatCheckpointBody,
  openCheckpoint,
  parseCheckpointBody,
  signCheckpoint,
} from "./checkpoint.js";
import { generateSigner, parseSigner, parseVerifier } from "./note-keys.js";
import { signNote } from "./signed-note.js";

const ORIGIN = "example.com/log";
const keys = generateSigner(ORIGIN);
const signer = parseSigner(keys.signerKey);
const verifier = parseVerifier(keys.verifierKey);
const ROOT = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const ROOT_B64 = Buffer.from(ROOT).toString("base64");
const checkpoint: Checkpoint = { origin: ORIGIN, size: 9944, root: ROOT, extensions: ["ext one", "ext two"] };

describe("checkpoint text", () => {
  it("formats origin, size, root and extension lines, one per line", () => {
    expect(formatCheckpointBody(checkpoint)).toBe(`${ORIGIN}\n9944\n${ROOT_B64}\next one\next two\n`);
  });

  it("round-trips any checkpoint through format and parse", () => {
    const line = fc.string({ unit: fc.constantFrom("a", "/", ".", " ", "\u00e9", "+"), minLength: 1, maxLength: 10 });
    const arbitrary = fc.record({
      origin: line,
      size: fc.maxSafeNat(),
      root: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      extensions: fc.array(line, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(arbitrary, (cp) => {
        expect(parseCheckpointBody(formatCheckpointBody(cp))).toEqual(cp);
      }),
    );
  });

  it("reads the edge sizes 0 and 2^53-1", () => {
    expect(parseCheckpointBody(`${ORIGIN}\n0\n${ROOT_B64}\n`).size).toBe(0);
    expect(parseCheckpointBody(`${ORIGIN}\n9007199254740991\n${ROOT_B64}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ["no final newline", `${ORIGIN}\n1\n${ROOT_B64}`, /does not end with a newline/],
    ["two lines", `${ORIGIN}\n1\n`, /at least 3 lines/],
    ["an empty origin", `\n1\n${ROOT_B64}\n`, /line 1 is empty/],
    ["an empty extension line", `${ORIGIN}\n1\n${ROOT_B64}\n\n`, /line 4 is empty/],
    ["a leading zero", `${ORIGIN}\n042\n${ROOT_B64}\n`, /tree size "042"/],
    ["a negative size", `${ORIGIN}\n-1\n${ROOT_B64}\n`, /tree size/],
    ["a fractional size", `${ORIGIN}\n1.0\n${ROOT_B64}\n`, /tree size/],
    ["a size with a space", `${ORIGIN}\n 1\n${ROOT_B64}\n`, /tree size/],
    ["size 2^53", `${ORIGIN}\n9007199254740992\n${ROOT_B64}\n`, /tree size/],
    ["a 31-byte root", `${ORIGIN}\n1\n${Buffer.from(ROOT.subarray(1)).toString("base64")}\n`, /root hash/],
    ["a hex root", `${ORIGIN}\n1\n${Buffer.from(ROOT).toString("hex")}\n`, /root hash/],
    ["a root with non-zero unused bits", `${ORIGIN}\n1\n${ROOT_B64.slice(0, 42)}B=\n`, /root hash/],
    ["CRLF line ends", `${ORIGIN}\r\n1\r\n${ROOT_B64}\r\n`, /control character/],
  ])("rejects %s with INPUT_INVALID", (_, body, why) => {
    expect(() => parseCheckpointBody(body)).toThrow(why);
    expect(() => parseCheckpointBody(body)).toThrow(RampartError);
  });

  it.each([
    ["an empty origin", { ...checkpoint, origin: "" }, /non-empty/],
    ["a newline in the origin", { ...checkpoint, origin: "a\nb" }, /non-empty, with no newline/],
    ["an empty extension", { ...checkpoint, extensions: [""] }, /non-empty/],
    ["a negative size", { ...checkpoint, size: -1 }, /tree size -1/],
    ["a fractional size", { ...checkpoint, size: 1.5 }, /tree size 1.5/],
    ["size 2^53", { ...checkpoint, size: 2 ** 53 }, /tree size/],
    ["a 31-byte root", { ...checkpoint, root: ROOT.subarray(1) }, /31 bytes/],
  ])("refuses to format %s", (_, cp, why) => {
    expect(() => formatCheckpointBody(cp)).toThrow(why);
  });
});

describe("signed checkpoints", () => {
  const signed = signCheckpoint(checkpoint, signer);

  it("opens a checkpoint signed by the log's key", () => {
    expect(signed.startsWith(formatCheckpointBody(checkpoint))).toBe(true);
    expect(openCheckpoint(signed, verifier)).toEqual({ ok: true, checkpoint });
  });

  it("rejects another key (WRONG_KEY) and a changed size (BAD_SIGNATURE)", () => {
    const other = parseVerifier(generateSigner(ORIGIN).verifierKey);
    expect(openCheckpoint(signed, other)).toMatchObject({ ok: false, code: "WRONG_KEY" });
    expect(openCheckpoint(signed.replace("\n9944\n", "\n9945\n"), verifier)).toMatchObject({
      ok: false,
      code: "BAD_SIGNATURE",
    });
  });

  it("requires the origin to be the key's name, or the expected origin when one is given (PROOF_INVALID)", () => {
    const elsewhere = signCheckpoint({ ...checkpoint, origin: "example.com/other-log" }, signer);
    const result = openCheckpoint(elsewhere, verifier);
    expect(result).toMatchObject({ ok: false, code: "PROOF_INVALID" });
    expect(!result.ok && result.reason).toBe("the checkpoint is for example.com/other-log, not example.com/log");
    expect(openCheckpoint(elsewhere, verifier, "example.com/other-log")).toMatchObject({ ok: true });
    expect(openCheckpoint(signed, verifier, "example.com/other-log")).toMatchObject({
      ok: false,
      code: "PROOF_INVALID",
    });
  });

  it("rejects a well-signed note whose text is not a checkpoint (INPUT_INVALID)", () => {
    const result = openCheckpoint(signNote(`${ORIGIN}\nnot a size\nnor a hash\n`, [signer]), verifier);
    expect(result).toMatchObject({ ok: false, code: "INPUT_INVALID" });
    expect(!result.ok && result.reason).toMatch(/malformed checkpoint: line 2/);
  });

  it("rejects a malformed note (INPUT_INVALID)", () => {
    expect(openCheckpoint(signed.replace("\u2014", "-"), verifier)).toMatchObject({ ok: false, code: "INPUT_INVALID" });
  });
});
