import canonicalize from "canonicalize";
import { z } from "zod";
import { type Envelope, envelopeSchema } from "../signing/index.js";

export const BUNDLE_MEDIA_TYPE = "application/vnd.rampart.attestation.v1+json";

/**
 * A SHA-256 hash in canonical base64: re-encoding gives the same text, so the unused low bits of the
 * last character cannot vary (base64 decoders ignore them, which would let a file change and still verify).
 */
export const base64Hash = z.string().refine((text) => {
  const bytes = Buffer.from(text, "base64");
  return bytes.byteLength === 32 && bytes.toString("base64") === text;
}, "a 32-byte hash in canonical base64");

/**
 * What `rampart attest` writes and `rampart verify` reads: the signed envelope, and where the log put
 * it with the proof and signed tree head that show it is there. Everything needed to check it offline.
 */
export const bundleSchema = z.strictObject({
  mediaType: z.literal(BUNDLE_MEDIA_TYPE),
  envelope: envelopeSchema,
  publisherKey: z
    .string()
    .describe("the publisher's verifier key, as signed by; pin your own copy with --publisher-key"),
  log: z.strictObject({
    origin: z.string().min(1),
    logKey: z.string().describe("the log's verifier key; pin your own copy with --log-key"),
    index: z.number().int().nonnegative(),
    checkpoint: z.string().describe("the C2SP checkpoint (signed note) the proof is against"),
    inclusionProof: z.array(base64Hash).max(64),
  }),
});

export type AttestationBundle = z.infer<typeof bundleSchema>;

/** The bytes the log holds for an envelope: its RFC 8785 canonical JSON, so any reader rebuilds the same leaf. */
export function logEntryOf(envelope: Envelope): Uint8Array {
  return new TextEncoder().encode(canonicalize(envelope));
}
