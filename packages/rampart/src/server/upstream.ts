import { failure, type ProxyFailure } from "./failures.js";
import type { UpstreamFetch } from "./http-fetch.js";

export interface UpstreamCall {
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
  /** No response headers by then: the call fails with `upstream_timeout`. */
  readonly timeoutMs: number;
  /** Aborting it cancels the call, the response body included. */
  readonly abort: AbortController;
  readonly fetch: UpstreamFetch;
}

export type UpstreamResult =
  | { readonly ok: true; readonly response: Response }
  | { readonly ok: false; readonly failure: ProxyFailure };

/**
 * POSTs to the upstream. The timeout covers the wait for response headers only: a streamed answer
 * may rightly last longer than any fixed bound, so its body is watched for stalls instead (see
 * `nextChunk`). That is why this is a timer and not `AbortSignal.timeout`, which cannot be
 * cancelled once the headers are in.
 */
export async function callUpstream(call: UpstreamCall): Promise<UpstreamResult> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    call.abort.abort();
  }, call.timeoutMs);
  try {
    const response = await call.fetch(call.url, {
      method: "POST",
      headers: call.headers,
      body: call.body,
      signal: call.abort.signal,
    });
    return { ok: true, response };
  } catch (error) {
    if (timedOut) {
      const message = `Rampart: the upstream sent no answer within ${call.timeoutMs} ms (limits.upstreamTimeoutMs).`;
      return { ok: false, failure: failure("upstream_timeout", message) };
    }
    return {
      ok: false,
      failure: failure("upstream_unreachable", `Rampart got no answer from the upstream (${reasonOf(error)}).`),
    };
  } finally {
    clearTimeout(timer);
  }
}

export type Chunk = { readonly done: false; readonly value: Uint8Array } | { readonly done: true } | ProxyFailure;

/**
 * The next piece of an upstream body, or a failure: nothing for `idleMs` (the upstream call is
 * aborted), or the connection broke. An abort of ours reads as the end of the body.
 */
export async function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
  abort: AbortController,
): Promise<Chunk> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<"stalled">((resolve) => {
    timer = setTimeout(() => resolve("stalled"), idleMs);
  });
  try {
    const read = await Promise.race([reader.read(), stalled]);
    if (read === "stalled") {
      abort.abort();
      const message = `Rampart: the upstream sent nothing for ${idleMs} ms; the answer is incomplete (limits.upstreamTimeoutMs).`;
      return failure("upstream_stalled", message);
    }
    return read.done ? { done: true } : { done: false, value: read.value };
  } catch (error) {
    if (abort.signal.aborted) return { done: true };
    return failure(
      "upstream_broken",
      `Rampart: the upstream connection broke (${reasonOf(error)}); the answer is incomplete.`,
    );
  } finally {
    clearTimeout(timer);
  }
}

export type BodyText =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly failure: ProxyFailure };

/** Reads a whole upstream body as text, with the same stall rule as a stream. */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  idleMs: number,
  abort: AbortController,
): Promise<BodyText> {
  if (body === null) return { ok: true, value: "" };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const chunk = await nextChunk(reader, idleMs, abort);
    if ("kind" in chunk) return { ok: false, failure: chunk };
    if (chunk.done) return { ok: true, value: text + decoder.decode() };
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/** Why the upstream call failed (ECONNREFUSED, ECONNRESET, …), from the error or its cause; never a header or a key. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return cause instanceof Error ? cause.message : String(cause);
}
