/**
 * Everything the proxy answers with an error instead of the model's answer. Each API renders a
 * failure in its own error shape, so clients and SDKs see the errors they already handle.
 */
export type FailureKind =
  /** The input check's verdict was block (or stronger). */
  | "blocked"
  /** The request body is not JSON, or not a request of this API. */
  | "invalid_request"
  /** The request body is over `limits.maxBodyBytes`. */
  | "too_large"
  /** The upstream sent no response headers within `limits.upstreamTimeoutMs`. */
  | "upstream_timeout"
  /** The upstream could not be connected to. */
  | "upstream_unreachable"
  /** The upstream answered an error status without a body in the API's own error shape. */
  | "upstream_status"
  /** The upstream's answer is not valid JSON or not an answer of this API. */
  | "upstream_malformed"
  /** The upstream sent nothing for `limits.upstreamTimeoutMs` in the middle of an answer. */
  | "upstream_stalled"
  /** The upstream connection broke, or the stream ended, before the answer was complete. */
  | "upstream_broken";

export interface ProxyFailure {
  readonly kind: FailureKind;
  /** The HTTP status the client gets when the failure comes before the response headers. */
  readonly status: number;
  readonly message: string;
}

export function failure(kind: FailureKind, message: string, status = STATUS[kind]): ProxyFailure {
  return { kind, status, message };
}

const STATUS: Readonly<Record<FailureKind, number>> = {
  blocked: 400,
  invalid_request: 400,
  too_large: 413,
  upstream_timeout: 504,
  upstream_unreachable: 502,
  upstream_status: 502,
  upstream_malformed: 502,
  upstream_stalled: 504,
  upstream_broken: 502,
};
