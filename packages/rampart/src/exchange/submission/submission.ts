import { randomBytes } from "node:crypto";
import type { ErrorCode } from "@rampart/guard";
import { z } from "zod";
import { type Envelope, type Signer, signEnvelope, type Verifier, verifyEnvelope } from "../../ledger/signing/index.js";
import { advisoryContentSchema, distributionSchema } from "../model/advisory.js";

/** The payload type of a signed submission to the exchange. */
export const SUBMISSION_PAYLOAD_TYPE = "application/vnd.rampart.exchange-submission+json";

/** How far a submission's issuedAt may be from the server's clock: wider lets replays in, narrower refuses skewed clocks. */
export const SUBMISSION_WINDOW_MS = 5 * 60_000;

const stamp = {
  issuedAt: z.iso.datetime().describe("When the submitter signed it; refused outside the server's window."),
  nonce: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, "16 to 128 base64url characters")
    .describe("Never reused: replays are refused."),
};

/** What an organisation signs: publish, amend or retract one advisory. */
export const submissionSchema = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("publish"),
    ...stamp,
    advisory: z.strictObject({
      id: z.uuid().optional().describe("Keep an id given by another node; absent: a new one."),
      distribution: distributionSchema,
      content: advisoryContentSchema,
    }),
  }),
  z.strictObject({
    action: z.literal("amend"),
    ...stamp,
    id: z.uuid(),
    distribution: distributionSchema.optional(),
    content: advisoryContentSchema.optional(),
  }),
  z.strictObject({ action: z.literal("retract"), ...stamp, id: z.uuid() }),
]);
export type Submission = z.output<typeof submissionSchema>;
export type SubmissionInput = z.input<typeof submissionSchema>;

/** What a submitter writes: a submission without its stamp (each action's own fields kept apart). */
export type SubmissionBody = SubmissionInput extends infer S
  ? S extends unknown
    ? Omit<S, "issuedAt" | "nonce">
    : never
  : never;

/** A submission ready to sign: the caller names the action, this adds a fresh nonce and the time. */
export function stampSubmission(body: SubmissionBody, now = new Date()): SubmissionInput {
  return { ...body, issuedAt: now.toISOString(), nonce: randomBytes(18).toString("base64url") } as SubmissionInput;
}

/** Signs a submission with the organisation's key, as a DSSE envelope. */
export function signSubmission(submission: SubmissionInput, signer: Signer): Envelope {
  return signEnvelope(SUBMISSION_PAYLOAD_TYPE, new TextEncoder().encode(JSON.stringify(submission)), [signer]);
}

export type OpenedSubmission = { ok: true; submission: Submission } | { ok: false; code: ErrorCode; reason: string };

/**
 * Checks a submission envelope: signed by the organisation's key, the expected payload type, a valid
 * submission, issued within the window. The nonce is claimed by the caller, in the same transaction as
 * the write, so a replay can never slip between the check and the write.
 */
export function openSubmission(envelope: unknown, orgKey: Verifier, now: Date): OpenedSubmission {
  const verified = verifyEnvelope(envelope, [orgKey]);
  if (!verified.ok) return verified;
  if (verified.payloadType !== SUBMISSION_PAYLOAD_TYPE) {
    return {
      ok: false,
      code: "INPUT_INVALID",
      reason: `the envelope carries ${verified.payloadType}, not ${SUBMISSION_PAYLOAD_TYPE}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(verified.payload));
  } catch (error) {
    return {
      ok: false,
      code: "INPUT_INVALID",
      reason: `the submission is not UTF-8 JSON: ${(error as Error).message}`,
    };
  }
  const parsed = submissionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, code: "INPUT_INVALID", reason: `${issue.path.join(".") || "(submission)"}: ${issue.message}` };
  }
  const skew = Math.abs(now.getTime() - Date.parse(parsed.data.issuedAt));
  if (skew > SUBMISSION_WINDOW_MS) {
    return {
      ok: false,
      code: "REPLAYED",
      reason: `issued at ${parsed.data.issuedAt}, ${Math.round(skew / 1000)} s from the server's clock: outside the ${SUBMISSION_WINDOW_MS / 1000} s window (a replay, or a wrong clock)`,
    };
  }
  return { ok: true, submission: parsed.data };
}
