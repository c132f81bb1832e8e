import { RampartError } from "@rampart/guard";
import type { LedgerLog } from "../log/ledger-log.js";
import {
  buildStatement,
  type Envelope,
  encodeStatement,
  PAYLOAD_TYPE,
  type Signer,
  signEnvelope,
} from "../signing/index.js";
import { type AttestationBundle, BUNDLE_MEDIA_TYPE, logEntryOf } from "./bundle.js";
import { verifyAttestation } from "./verify-attestation.js";

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

/** Where a log put an envelope, with the signed head and proof that show it. */
export interface LoggedEntry {
  readonly origin: string;
  readonly logKey: string;
  readonly index: number;
  readonly treeSize: number;
  readonly checkpoint: string;
  readonly inclusionProof: readonly Uint8Array[];
}

/** A log to append to: this process's own, or a log server's API. */
export interface LogWriter {
  append(envelope: Envelope): Promise<LoggedEntry>;
}

/** Appends to a log in this process's store and signs a tree head covering the entry. */
export function localLog(log: LedgerLog): LogWriter {
  return {
    async append(envelope) {
      const { index } = await log.append(logEntryOf(envelope));
      const head = await log.checkpoint();
      return {
        origin: log.origin,
        logKey: log.verifierKey,
        index,
        treeSize: head.size,
        checkpoint: head.note,
        inclusionProof: await log.inclusionProof(index, head.size),
      };
    },
  };
}

/**
 * Signs an evaluation statement about the report, appends the envelope to the log and returns the
 * bundle a reader verifies offline. The bundle is verified before it is returned, so a log that
 * answered with a proof or head that does not hold is caught here, not by the first reader.
 */
export async function attest(log: LogWriter, request: AttestRequest): Promise<Attested> {
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
  const logged = await log.append(envelope);
  const bundle: AttestationBundle = {
    mediaType: BUNDLE_MEDIA_TYPE,
    envelope,
    publisherKey: request.publisher.verifierKey,
    log: {
      origin: logged.origin,
      logKey: logged.logKey,
      index: logged.index,
      checkpoint: logged.checkpoint,
      inclusionProof: logged.inclusionProof.map((hash) => Buffer.from(hash).toString("base64")),
    },
  };
  const check = verifyAttestation(bundle, { publisherKey: request.publisher.verifierKey });
  if (!check.ok) {
    throw new RampartError(
      check.code,
      `The log's answer does not verify, so no attestation was written: ${check.reason}`,
    );
  }
  return { bundle, index: logged.index, treeSize: logged.treeSize };
}
