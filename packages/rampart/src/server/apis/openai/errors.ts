import { z } from "zod";
import type { FailureKind, ProxyFailure } from "../../failures.js";
import type { SseEvent } from "../../sse.js";

/** OpenAI's error shape; `code` is stable (`rampart_<kind>`), so a client can tell Rampart's errors apart. */
export function openAiErrorBody(failure: ProxyFailure): unknown {
  return {
    error: { message: failure.message, type: TYPES[failure.kind], code: `rampart_${failure.kind}`, param: null },
  };
}

/** Mid-stream, OpenAI sends an error as a data event with an `error` field; its SDKs throw it as an APIError. */
export function openAiErrorEvent(failure: ProxyFailure): SseEvent {
  return { data: JSON.stringify(openAiErrorBody(failure)) };
}

const errorShape = z.looseObject({ error: z.looseObject({ message: z.string() }) });

export function isOpenAiErrorBody(body: unknown): boolean {
  return errorShape.safeParse(body).success;
}

const TYPES: Readonly<Record<FailureKind, string>> = {
  blocked: "rampart_blocked",
  invalid_request: "invalid_request_error",
  too_large: "invalid_request_error",
  upstream_timeout: "rampart_upstream_error",
  upstream_unreachable: "rampart_upstream_error",
  upstream_status: "rampart_upstream_error",
  upstream_malformed: "rampart_upstream_error",
  upstream_stalled: "rampart_upstream_error",
  upstream_broken: "rampart_upstream_error",
};
