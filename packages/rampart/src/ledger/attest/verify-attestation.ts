import type { ErrorCode } from "@rampart/guard";
import { RampartError } from "@rampart/guard";
import { EMPTY_ROOT, equalHashes, leafHash, verifyConsistency, verifyInclusion } from "../merkle/index.js";
import {
  type Checkpoint,
  checkStatementDigest,
  decodeStatement,
  openCheckpoint,
  PAYLOAD_TYPE,
  parseVerifier,
  type Statement,
  type Verifier,
  verifyEnvelope,
} from "../signing/index.js";
import { type AttestationBundle, bundleSchema, logEntryOf } from "./bundle.js";
import { canonicalDigest } from "./digest.js";

/** A tree head the reader saw before, and the log's proof that the newer head only appended to it. */
export interface EarlierHead {
  /** The earlier checkpoint note, as the log signed it. */
  readonly checkpoint: string;
  /** The consistency proof between the earlier head's size and the bundle's. */
  readonly consistencyProof: readonly Uint8Array[];
}

export interface VerifyOptions {
  /** The publisher's verifier key the reader trusts; without it the key inside the bundle is used, which proves integrity but not authorship. */
  readonly publisherKey?: string;
  /** The log's verifier key the reader trusts; without it, the bundle's. */
  readonly logKey?: string;
  /** The report file the attestation claims to cover: its content must be the attested result. */
  readonly report?: Uint8Array;
  readonly earlier?: EarlierHead;
}

export interface VerifiedAttestation {
  readonly ok: true;
  readonly statement: Statement;
  readonly publisher: string;
  readonly log: string;
  readonly index: number;
  readonly treeSize: number;
  /** Whether each key came from the reader rather than from the bundle itself. */
  readonly pinned: { readonly publisher: boolean; readonly log: boolean };
  /** The earlier tree size the log was shown to extend, when one was given. */
  readonly extends?: number;
}

export interface FailedVerification {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly reason: string;
}

export type AttestationCheck = VerifiedAttestation | FailedVerification;

const fail = (code: ErrorCode, reason: string): FailedVerification => ({ ok: false, code, reason });

/**
 * Checks an attestation bundle offline, cheapest and most fundamental first: the publisher's
 * signature, the statement, the log's signed tree head, the inclusion proof, then (given an earlier
 * head) that the log only appended. Never throws for a bad bundle: each failure has its own code.
 */
export function verifyAttestation(bundleJson: unknown, options: VerifyOptions = {}): AttestationCheck {
  const parsed = bundleSchema.safeParse(bundleJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(
      "ATTESTATION_INVALID",
      `not an attestation bundle: ${issue.path.join(".") || "(top)"}: ${issue.message}`,
    );
  }
  const bundle = parsed.data;
  const publisher = trustedKey(options.publisherKey, bundle.publisherKey, "publisher");
  if (!publisher.ok) return publisher;
  const envelope = verifyEnvelope(bundle.envelope, [publisher.verifier]);
  if (!envelope.ok) return envelope;
  if (envelope.payloadType !== PAYLOAD_TYPE) {
    return fail("ATTESTATION_INVALID", `the envelope carries ${envelope.payloadType}, not ${PAYLOAD_TYPE}`);
  }
  const statement = statementOf(envelope.payload);
  if (!statement.ok) return statement;
  if (options.report !== undefined) {
    const matches = reportMatches(options.report, statement.statement);
    if (!matches.ok) return matches;
  }
  const logVerifier = trustedKey(options.logKey, bundle.log.logKey, "log");
  if (!logVerifier.ok) return logVerifier;
  const head = headOf(bundle.log.checkpoint, logVerifier.verifier, bundle.log.origin);
  if (!head.ok) return head;
  const included = inclusionOf(bundle, head.checkpoint);
  if (!included.ok) return included;
  let extendsSize: number | undefined;
  if (options.earlier !== undefined) {
    const consistent = consistencyOf(options.earlier, head.checkpoint, logVerifier.verifier, bundle.log.origin);
    if (!consistent.ok) return consistent;
    extendsSize = consistent.size;
  }
  return {
    ok: true,
    statement: statement.statement,
    publisher: publisher.verifier.verifierKey,
    log: bundle.log.origin,
    index: bundle.log.index,
    treeSize: head.checkpoint.size,
    pinned: { publisher: options.publisherKey !== undefined, log: options.logKey !== undefined },
    ...(extendsSize === undefined ? {} : { extends: extendsSize }),
  };
}

/** The pinned key when there is one (and the bundle must name that same key), else the bundle's own. */
function trustedKey(
  pinned: string | undefined,
  named: string,
  whose: string,
): { ok: true; verifier: Verifier } | FailedVerification {
  const trusted = verifierOf(pinned ?? named, whose);
  if (!trusted.ok || pinned === undefined) return trusted;
  const declared = verifierOf(named, whose);
  if (!declared.ok) return declared;
  if (declared.verifier.verifierKey !== trusted.verifier.verifierKey) {
    return fail(
      "WRONG_KEY",
      `the bundle names the ${whose} key ${named}, not the pinned ${trusted.verifier.verifierKey}`,
    );
  }
  return trusted;
}

function verifierOf(text: string, whose: string): { ok: true; verifier: Verifier } | FailedVerification {
  try {
    return { ok: true, verifier: parseVerifier(text) };
  } catch (error) {
    if (!(error instanceof RampartError)) throw error;
    return fail("KEY_INVALID", `the ${whose} key is unusable: ${error.message}`);
  }
}

function statementOf(payload: Uint8Array): { ok: true; statement: Statement } | FailedVerification {
  try {
    const statement = decodeStatement(payload);
    const digest = checkStatementDigest(statement);
    return digest.ok ? { ok: true, statement } : digest;
  } catch (error) {
    if (!(error instanceof RampartError)) throw error;
    return fail(error.code, error.message);
  }
}

/** The report's content (its canonical JSON, so reformatting does not matter) must be the attested result. */
function reportMatches(report: Uint8Array, statement: Statement): { ok: true } | FailedVerification {
  let digest: string;
  try {
    digest = canonicalDigest(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(report))).sha256;
  } catch (error) {
    return fail(
      "REPORT_MISMATCH",
      `the report is not readable JSON, so it is not the attested one: ${messageOf(error)}`,
    );
  }
  if (digest !== statement.predicate.resultDigest.sha256) {
    return fail(
      "REPORT_MISMATCH",
      `the report's content (sha256 ${digest}) differs from the attested result (sha256 ${statement.predicate.resultDigest.sha256})`,
    );
  }
  return { ok: true };
}

function headOf(
  note: string,
  verifier: Verifier,
  origin: string,
): { ok: true; checkpoint: Checkpoint } | FailedVerification {
  const opened = openCheckpoint(note, verifier, origin);
  if (opened.ok) return opened;
  return fail(opened.code, `the log's signed tree head does not check out: ${opened.reason}`);
}

function inclusionOf(bundle: AttestationBundle, head: Checkpoint): { ok: true } | FailedVerification {
  const check = verifyInclusion({
    leafHash: leafHash(logEntryOf(bundle.envelope)),
    index: bundle.log.index,
    size: head.size,
    proof: bundle.log.inclusionProof.map((hash) => new Uint8Array(Buffer.from(hash, "base64"))),
    root: head.root,
  });
  if (check.ok) return check;
  return fail(
    "NOT_INCLUDED",
    `the log's tree of ${head.size} entries does not hold this attestation at ${bundle.log.index}: ${check.reason}`,
  );
}

function consistencyOf(
  earlier: EarlierHead,
  head: Checkpoint,
  verifier: Verifier,
  origin: string,
): { ok: true; size: number } | FailedVerification {
  const opened = openCheckpoint(earlier.checkpoint, verifier, origin);
  if (!opened.ok) return fail(opened.code, `the earlier tree head does not check out: ${opened.reason}`);
  const old = opened.checkpoint;
  if (old.size > head.size) {
    return fail(
      "LOG_REWRITTEN",
      `the earlier head has ${old.size} entries, more than the bundle's ${head.size}: check against a newer head`,
    );
  }
  if (old.size === 0) {
    // The empty tree is a prefix of every tree; RFC 9162 defines no proof for it.
    return equalHashes(old.root, EMPTY_ROOT)
      ? { ok: true, size: 0 }
      : fail("LOG_REWRITTEN", "the earlier head claims an empty tree with a root that is not the empty hash");
  }
  if (old.size === head.size) {
    return equalHashes(old.root, head.root)
      ? { ok: true, size: old.size }
      : fail("LOG_REWRITTEN", `two different roots signed for size ${old.size}: the log forked`);
  }
  const check = verifyConsistency({
    oldSize: old.size,
    newSize: head.size,
    oldRoot: old.root,
    newRoot: head.root,
    proof: earlier.consistencyProof,
  });
  if (check.ok) return { ok: true, size: old.size };
  return fail(
    "LOG_REWRITTEN",
    `the log's head of ${head.size} entries does not extend its head of ${old.size}: ${check.reason}`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
