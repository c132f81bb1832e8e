/**
 * in-toto Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md) carrying one
 * evaluation result. The payload is the RFC 8785 canonical JSON of the statement, and decoding
 * insists on that exact form: with one byte string per statement there are no duplicate keys or
 * spacing variants for two JSON parsers to read differently.
 */
import { RampartError } from "@rampart/guard";
import canonicalize from "canonicalize";
import { z } from "zod";
import { formatPath } from "../../io/issues.js";
import { sha256, toHex, utf8 } from "./encoding.js";
import { type Rejection, reject } from "./rejection.js";

/** The DSSE payload type of an in-toto statement. */
export const PAYLOAD_TYPE = "application/vnd.in-toto+json";
export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const PREDICATE_TYPE = "https://rampart.dev/attestation/evaluation/v1";
/** The largest statement payload decodeStatement reads, in bytes. */
export const MAX_STATEMENT_BYTES = 16 << 20;

const digest = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: "expected 64 lowercase hex digits" }),
});

/** An evaluation attestation: what was evaluated (subject), by which suite, the report and its digest. */
export const statementSchema = z.strictObject({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.strictObject({ name: z.string().min(1), digest })).min(1),
  predicateType: z.literal(PREDICATE_TYPE),
  predicate: z.strictObject({
    evaluator: z.strictObject({ name: z.literal("rampart"), version: z.string().min(1) }),
    suite: z.strictObject({ name: z.string().min(1), digest }),
    seed: z.number().int().optional(),
    result: z.record(z.string(), z.json()),
    resultDigest: digest,
    evaluatedAt: z.iso.datetime(),
  }),
});

export type Statement = z.output<typeof statementSchema>;

/** What buildStatement needs; `result` is any JSON-representable object (the report). */
export interface StatementInput {
  readonly subject: readonly { readonly name: string; readonly digest: { readonly sha256: string } }[];
  readonly evaluatorVersion: string;
  readonly suite: { readonly name: string; readonly digest: { readonly sha256: string } };
  readonly seed?: number;
  readonly result: object;
  readonly evaluatedAt: Date;
}

/** Builds a statement whose resultDigest is SHA-256 of the result's canonical JSON; throws INPUT_INVALID. */
export function buildStatement(input: StatementInput): Statement {
  const invalid = (why: string) => new RampartError("INPUT_INVALID", `cannot build the statement: ${why}`);
  // The result goes through its canonical form so that what is stored is exactly what was digested.
  const result = canonical(input.result);
  if (typeof result !== "string") throw invalid(`the result ${result.problem}`);
  if (Number.isNaN(input.evaluatedAt.getTime())) throw invalid("evaluatedAt is an invalid date");
  const candidate = {
    _type: STATEMENT_TYPE,
    subject: input.subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      evaluator: { name: "rampart", version: input.evaluatorVersion },
      suite: input.suite,
      ...(input.seed === undefined ? {} : { seed: input.seed }),
      result: JSON.parse(result),
      resultDigest: { sha256: toHex(sha256(utf8(result))) },
      evaluatedAt: input.evaluatedAt.toISOString(),
    },
  };
  return validate(candidate, invalid);
}

/** The statement's payload bytes: UTF-8 of its RFC 8785 canonical JSON; throws INPUT_INVALID. */
export function encodeStatement(statement: Statement): Uint8Array {
  const invalid = (why: string) => new RampartError("INPUT_INVALID", `cannot encode the statement: ${why}`);
  const text = canonical(validate(statement, invalid));
  if (typeof text !== "string") throw invalid(`it ${text.problem}`);
  const bytes = utf8(text);
  if (bytes.length > MAX_STATEMENT_BYTES) throw invalid(`it is over ${MAX_STATEMENT_BYTES} bytes`);
  return bytes;
}

/** Reads a statement payload; throws ATTESTATION_INVALID (with the field's path) unless it is valid and canonical. */
export function decodeStatement(bytes: Uint8Array): Statement {
  const invalid = (why: string) => new RampartError("ATTESTATION_INVALID", `invalid statement: ${why}`);
  if (bytes.length > MAX_STATEMENT_BYTES) throw invalid(`${bytes.length} bytes, over the ${MAX_STATEMENT_BYTES} limit`);
  let text: string;
  let value: unknown;
  try {
    // ignoreBOM keeps a byte order mark in the text, where JSON.parse rejects it, instead of dropping it.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw invalid("the payload is not valid UTF-8");
  }
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`the payload is not JSON: ${messageOf(error)}`);
  }
  const statement = validate(value, invalid);
  if (canonical(value) !== text) throw invalid("the payload is not RFC 8785 canonical JSON");
  return statement;
}

/** Whether the statement's resultDigest is the SHA-256 of its result's canonical JSON. */
export function checkStatementDigest(statement: Statement): { ok: true } | Rejection<"ATTESTATION_INVALID"> {
  const stored = statement.predicate.resultDigest.sha256;
  const result = canonical(statement.predicate.result);
  if (typeof result !== "string") return reject("ATTESTATION_INVALID", `the result ${result.problem}`);
  const actual = toHex(sha256(utf8(result)));
  if (actual === stored) return { ok: true };
  return reject("ATTESTATION_INVALID", `resultDigest ${stored} does not match the result (sha256 ${actual})`);
}

/** RFC 8785 text of a value, or why it has none (NaN, a lone surrogate, a BigInt, a cycle…). */
function canonical(value: unknown): string | { problem: string } {
  try {
    return canonicalize(value) ?? { problem: "is not representable as JSON" };
  } catch (error) {
    return { problem: `is not representable as JSON: ${messageOf(error)}` };
  }
}

function validate(value: unknown, invalid: (why: string) => RampartError): Statement {
  const parsed = statementSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw invalid(`${formatPath(issue.path)}: ${issue.message}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
