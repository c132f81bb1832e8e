import { createParser } from "eventsource-parser";
import { MalformedUpstream, type StreamRewriter } from "./chat-api.js";
import { failure, type ProxyFailure } from "./failures.js";
import { encodeSse, type SseEvent } from "./sse.js";
import { nextChunk } from "./upstream.js";

/** How a streamed answer ended. */
export type StreamOutcome = "complete" | "halted" | "client_closed" | ProxyFailure;

export interface StreamProxy {
  readonly upstream: ReadableStream<Uint8Array>;
  readonly rewriter: StreamRewriter;
  /** The event that ends the client's stream with an error, in the API's shape. */
  readonly errorEvent: (failure: ProxyFailure) => SseEvent;
  /** Nothing from the upstream for this long mid-stream ends the stream with an error. */
  readonly idleMs: number;
  /** Cancels the upstream call; aborted on a halt, a failure, or when the client goes away. */
  readonly abort: AbortController;
  /** Called once, when the stream ends for whatever reason. */
  readonly onEnd: (outcome: StreamOutcome) => void;
}

/**
 * The client's side of a streamed answer: upstream events in, rewritten events out, one upstream
 * read per pull, so a slow client slows the upstream read instead of filling memory. Every way it
 * ends (complete, halted, upstream failure, client gone) closes both sides: the client's stream
 * ends cleanly, with an error event in the API's shape when the answer is incomplete, and the
 * upstream call is aborted unless it finished.
 */
export function proxyStream(proxy: StreamProxy): ReadableStream<Uint8Array> {
  const reader = proxy.upstream.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const pending: SseEvent[] = [];
  const parser = createParser({
    onEvent: (m) => pending.push(m.event === undefined ? { data: m.data } : { event: m.event, data: m.data }),
  });
  let clientGone = false;
  let ended = false;

  function finish(outcome: StreamOutcome): void {
    if (outcome !== "complete") {
      proxy.abort.abort();
      reader.cancel().catch(() => {});
    }
    if (!ended) {
      ended = true;
      proxy.onEnd(outcome);
    }
  }

  /** Rewrites the events parsed so far; an outcome when one of them ends the stream. */
  function rewritePending(): { text: string; outcome?: StreamOutcome } {
    let text = "";
    while (pending.length > 0) {
      const event = pending.shift() as SseEvent;
      // Nothing after the upstream's final event is part of the answer.
      if (proxy.rewriter.complete) continue;
      try {
        const rewritten = proxy.rewriter.rewrite(event);
        for (const out of rewritten.events) text += encodeSse(out);
        if (rewritten.stop) return { text, outcome: "halted" };
      } catch (error) {
        if (!(error instanceof MalformedUpstream)) throw error;
        const message = `Rampart could not read the upstream's stream: ${error.message}; the answer is incomplete.`;
        return { text, outcome: failure("upstream_malformed", message) };
      }
    }
    return { text };
  }

  function endOfBody(): StreamOutcome {
    if (proxy.rewriter.complete) return "complete";
    // Our own abort ends the body too; before a halt or a failure, only a client gone away aborts.
    if (proxy.abort.signal.aborted) return "client_closed";
    return failure("upstream_broken", "Rampart: the upstream ended the stream before the answer was complete.");
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const chunk = await nextChunk(reader, proxy.idleMs, proxy.abort);
        if (clientGone) return;
        const upstreamFailed = "kind" in chunk;
        if (!upstreamFailed && !chunk.done) parser.feed(decoder.decode(chunk.value, { stream: true }));
        const rewritten = rewritePending();
        let outcome = rewritten.outcome ?? (upstreamFailed ? chunk : chunk.done ? endOfBody() : undefined);
        // Once the upstream's final event is in, a stall or a broken connection loses nothing.
        if (typeof outcome === "object" && proxy.rewriter.complete) outcome = "complete";
        let text = rewritten.text;
        if (typeof outcome === "object") text += encodeSse(proxy.errorEvent(outcome));
        if (text !== "") controller.enqueue(encoder.encode(text));
        if (outcome !== undefined) {
          controller.close();
          finish(outcome);
          return;
        }
        if (text !== "") return;
      }
    },
    cancel() {
      clientGone = true;
      finish("client_closed");
    },
  });
}
