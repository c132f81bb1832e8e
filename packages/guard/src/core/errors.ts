export const ERROR_CODES = [
  "POLICY_INVALID",
  "SIGNATURES_INVALID",
  "INPUT_INVALID",
  "INPUT_TOO_LARGE",
  "MODEL_INVALID",
  "STORE_FAILED",
  "MIGRATION_FAILED",
  "KEY_INVALID",
  "BAD_SIGNATURE",
  "WRONG_KEY",
  "NOT_INCLUDED",
  "LOG_REWRITTEN",
  "PROOF_INVALID",
  "ATTESTATION_INVALID",
  "REPORT_MISMATCH",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "REPLAYED",
  "RATE_LIMITED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base of every error Rampart throws: a stable code, the cause kept, a message that says what to do. */
export class RampartError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RampartError";
    this.code = code;
  }
}

export interface Issue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export class PolicyError extends RampartError {
  readonly issues: readonly Issue[];

  constructor(message: string, issues: readonly Issue[], options?: { cause?: unknown }) {
    super("POLICY_INVALID", message, options);
    this.name = "PolicyError";
    this.issues = issues;
  }
}

export class SignatureSetError extends RampartError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SIGNATURES_INVALID", message, options);
    this.name = "SignatureSetError";
  }
}
