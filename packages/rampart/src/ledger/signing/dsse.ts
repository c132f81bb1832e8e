/**
 * DSSE v1 envelopes (github.com/secure-systems-lab/dsse): each signature is Ed25519 over
 * PAE(payloadType, payload), so the type is signed along with the bytes. A keyid is the signer's
 * verifier key text; DSSE makes keyids unauthenticated hints, so they only choose which key to try.
 *
 * verifyEnvelope's codes:
 *   ATTESTATION_INVALID  the envelope does not match envelopeSchema;
 *   BAD_SIGNATURE        a signature whose keyid names a trusted key does not verify (the whole envelope fails);
 *   WRONG_KEY            no trusted key signed the payload (the reason lists the keyids present).
 */
import { RampartError } from "@rampart/guard";
import { z } from "zod";
import { formatPath } from "../../io/issues.js";
import { decodeBase64Either, toBase64, utf8 } from "./encoding.js";
import type { Signer, Verifier } from "./note-keys.js";
import { type Rejection, reject } from "./rejection.js";

/** The largest payload an envelope may carry, in bytes. */
export const MAX_ENVELOPE_PAYLOAD_BYTES = 16 << 20;
/** The most signatures an envelope may carry. */
export const MAX_ENVELOPE_SIGNATURES = 100;

// Room for other tools' post-quantum signatures (ML-DSA's are up to about 4.6 kB), which are ignored, not refused.
const MAX_SIGNATURE_BYTES = 8192;

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4, { error: `expected at most ${maxBytes} bytes of base64` })
    .refine((text) => decodeBase64Either(text) !== undefined, { error: "expected canonical base64" });

/** A DSSE JSON envelope; unknown keys are rejected and a missing keyid reads as "". */
export const envelopeSchema = z.strictObject({
  payloadType: z.string().min(1),
  payload: base64(MAX_ENVELOPE_PAYLOAD_BYTES),
  signatures: z
    .array(z.strictObject({ keyid: z.string().max(1024).default(""), sig: base64(MAX_SIGNATURE_BYTES) }))
    .min(1)
    .max(MAX_ENVELOPE_SIGNATURES),
});

/** A DSSE envelope: `payload` and each `sig` are base64. */
export type Envelope = z.output<typeof envelopeSchema>;

export type EnvelopeRejection = Rejection<"ATTESTATION_INVALID" | "BAD_SIGNATURE" | "WRONG_KEY">;

/** A verified envelope's contents; `verifiedBy` holds the verifier key texts whose signatures verified. */
export interface VerifiedEnvelope {
  readonly ok: true;
  readonly payloadType: string;
  readonly payload: Uint8Array;
  readonly verifiedBy: readonly string[];
}

/** DSSE's pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  const header = utf8(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `);
  return new Uint8Array(Buffer.concat([header, payload]));
}

/** Signs `payload` as `payloadType` with every signer; throws INPUT_INVALID for what verifyEnvelope would refuse. */
export function signEnvelope(payloadType: string, payload: Uint8Array, signers: readonly Signer[]): Envelope {
  const invalid = (why: string) => new RampartError("INPUT_INVALID", `cannot sign the envelope: ${why}`);
  if (payloadType === "") throw invalid("the payload type is empty");
  if (payload.length > MAX_ENVELOPE_PAYLOAD_BYTES)
    throw invalid(`the payload is over ${MAX_ENVELOPE_PAYLOAD_BYTES} bytes`);
  if (signers.length === 0 || signers.length > MAX_ENVELOPE_SIGNATURES) {
    throw invalid(`it needs 1 to ${MAX_ENVELOPE_SIGNATURES} signers, got ${signers.length}`);
  }
  const message = pae(payloadType, payload);
  const signatures = signers.map((signer) => ({ keyid: signer.verifierKey, sig: toBase64(signer.sign(message)) }));
  return { payloadType, payload: toBase64(payload), signatures };
}

/** Checks an envelope (parsed JSON, not yet validated) against the trusted verifiers. */
export function verifyEnvelope(
  envelope: unknown,
  verifiers: readonly Verifier[],
): VerifiedEnvelope | EnvelopeRejection {
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = formatPath(issue.path);
    return reject("ATTESTATION_INVALID", `malformed DSSE envelope: ${at === "" ? "" : `${at}: `}${issue.message}`);
  }
  const { payloadType, signatures } = parsed.data;
  const payload = decodeBase64Either(parsed.data.payload)!;
  const message = pae(payloadType, payload);
  const trusted = new Map(verifiers.map((verifier) => [verifier.verifierKey, verifier]));
  const verifiedBy = new Set<string>();
  for (const { keyid, sig } of signatures) {
    const signature = decodeBase64Either(sig)!;
    const named = trusted.get(keyid);
    if (named !== undefined && !named.verify(message, signature)) {
      return reject("BAD_SIGNATURE", `the signature by trusted key ${keyid} does not verify`);
    }
    const by = named ?? [...trusted.values()].find((verifier) => verifier.verify(message, signature));
    if (by !== undefined) verifiedBy.add(by.verifierKey);
  }
  if (verifiedBy.size === 0) {
    const present = signatures.map(({ keyid }) => (keyid === "" ? "(no keyid)" : keyid)).join(", ");
    return reject("WRONG_KEY", `no trusted key signed the envelope; its keyids: ${present}`);
  }
  return { ok: true, payloadType, payload, verifiedBy: [...verifiedBy] };
}
