import { z } from "zod";
import type { FailureKind, ProxyFailure } from "../../failures.js";
import type { SseEvent } from "../../sse.js";

/** Anthropic's error shape, with its own error types, so the SDK raises the error class it would for Anthropic. */
export function anthropicErrorBody(failure: ProxyFailure): unknown {
  return { type: "error", error: { type: errorType(failure), message: failure.message } };
}

/** Mid-stream, Anthropic sends an `error` event; its SDK throws it as an APIError. */
export function anthropicErrorEvent(failure: ProxyFailure): SseEvent {
  return { event: "error", data: JSON.stringify(anthropicErrorBody(failure)) };
}

const errorShape = z.looseObject({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});

export function isAnthropicErrorBody(body: unknown): boolean {
  return errorShape.safeParse(body).success;
}

const TYPES: Readonly<Record<FailureKind, string>> = {
  blocked: "invalid_request_error",
  invalid_request: "invalid_request_error",
  too_large: "request_too_large",
  upstream_timeout: "timeout_error",
  upstream_unreachable: "api_error",
  upstream_status: "api_error",
  upstream_malformed: "api_error",
  upstream_stalled: "timeout_error",
  upstream_broken: "api_error",
};

/** Anthropic's types by status, for an upstream error that came without a body in its shape. */
const BY_STATUS: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  504: "timeout_error",
  529: "overloaded_error",
};

function errorType(failure: ProxyFailure): string {
  if (failure.kind === "upstream_status") return BY_STATUS[failure.status] ?? "api_error";
  return TYPES[failure.kind];
}
