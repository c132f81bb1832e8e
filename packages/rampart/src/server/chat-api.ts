import type { Message } from "@rampart/guard";
import type { ProxyFailure } from "./failures.js";
import type { OutputWatch } from "./output-watch.js";
import type { SseEvent } from "./sse.js";

/** Which configured upstream an API's requests go to. */
export type UpstreamName = "openai" | "anthropic";

/** What the proxy needs from one request of a chat API. */
export interface ChatRequest {
  /** The conversation as the guard reads it. */
  readonly messages: Message[];
  /** The request body to forward, with `addition` appended to its system prompt (one is created when there is none). */
  withSystemAddition(addition: string): unknown;
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Rewrites an upstream answer stream, event by event, into what the client may see. */
export interface StreamRewriter {
  /**
   * The events to send for one upstream event. `stop` is true when the answer was halted: the
   * events already close the client's stream and the upstream must not be read further.
   * Throws `MalformedUpstream` for an event that is not of this API.
   */
  rewrite(event: SseEvent): { readonly events: readonly SseEvent[]; readonly stop: boolean };
  /** True once the upstream sent the event that ends an answer. */
  readonly complete: boolean;
}

/** An upstream event or answer that is not of the API it claims to be. */
export class MalformedUpstream extends Error {
  override readonly name = "MalformedUpstream";
}

/**
 * One chat API the proxy guards (OpenAI chat completions, Anthropic messages): how to read its
 * requests, answer in its error shape, and rewrite its answers as the output monitor releases them.
 */
export interface ChatApi {
  /** The path the proxy serves and forwards to, e.g. `/v1/chat/completions`. */
  readonly route: string;
  readonly upstream: UpstreamName;
  /** Reads a parsed request body; `message` names the field at fault. */
  readRequest(body: unknown): Read<ChatRequest>;
  /** A failure as this API's error body. */
  errorBody(failure: ProxyFailure): unknown;
  /** A failure as the event that ends this API's stream with an error. */
  errorEvent(failure: ProxyFailure): SseEvent;
  /** Whether an upstream error body is already in this API's shape and can reach the client as it is. */
  isErrorBody(body: unknown): boolean;
  rewriteStream(watch: OutputWatch): StreamRewriter;
  /** A whole (non-streaming) answer with the monitor's verdict applied; `message` says what was wrong with it. */
  rewriteAnswer(body: unknown, watch: OutputWatch): Read<unknown>;
}
