import { RampartError } from "@rampart/guard";
import type { LedgerLog } from "../log/ledger-log.js";
import { buildStatement, encodeStatement, PAYLOAD_TYPE, type Signer, signEnvelope } from "../signing/index.js";
import { type AttestationBundle, BUNDLE_MEDIA_TYPE, logEntryOf } from "./bundle.js";

/** A named thing with a SHA-256 digest: the evaluated subject, or the suite it was evaluated on. */
export interface Digested {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface AttestRequest {
  /** The evaluation report, as JSON (an object). */
  readonly report: unknown;
  readonly subject: Digested;
  readonly suite: Digested;
  readonly seed?: number;
  readonly toolVersion: string;
  readonly publisher: Signer;
  readonly evaluatedAt?: Date;
}

/** The bundle, and where the entry landed in the tree head it carries. */
export interface Attested {
  readonly bundle: AttestationBundle;
  readonly index: number;
  readonly treeSize: number;
}

/**
 * Signs an evaluation statement about the report, appends the envelope to the log, signs a tree head
 * covering it and returns the bundle a reader verifies offline.
 */
export async function attest(log: LedgerLog, request: AttestRequest): Promise<Attested> {
  if (typeof request.report !== "object" || request.report === null || Array.isArray(request.report)) {
    throw new RampartError("INPUT_INVALID", "The report must be a JSON object.");
  }
  const statement = buildStatement({
    subject: [request.subject],
    suite: request.suite,
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    result: request.report,
    evaluatorVersion: request.toolVersion,
    evaluatedAt: request.evaluatedAt ?? new Date(),
  });
  const envelope = signEnvelope(PAYLOAD_TYPE, encodeStatement(statement), [request.publisher]);
  const { index } = await log.append(logEntryOf(envelope));
  const head = await log.checkpoint();
  const proof = await log.inclusionProof(index, head.size);
  const bundle: AttestationBundle = {
    mediaType: BUNDLE_MEDIA_TYPE,
    envelope,
    publisherKey: request.publisher.verifierKey,
    log: {
      origin: log.origin,
      logKey: log.verifierKey,
      index,
      checkpoint: head.note,
      inclusionProof: proof.map((hash) => Buffer.from(hash).toString("base64")),
    },
  };
  return { bundle, index, treeSize: head.size };
}
