import type { ErrorCode } from "@rampart/guard";

/** A verification that failed: a stable code for programs, a reason for people. */
export interface Rejection<Code extends ErrorCode> {
  readonly ok: false;
  readonly code: Code;
  readonly reason: string;
}

/** Builds a {@link Rejection}. */
export function reject<Code extends ErrorCode>(code: Code, reason: string): Rejection<Code> {
  return { ok: false, code, reason };
}
