import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Viewer } from "../../exchange/model/advisory.js";
import type { FeedHub } from "./feed-hub.js";

/** A comment line every so often, so proxies and clients do not take a quiet feed for a dead one. */
const PING_MS = 15_000;

/**
 * The live feed as Server-Sent Events: `id: seq`, `event: advisory`, `data: AdvisoryView`, replayed
 * from `Last-Event-ID` (or `?after=`), then `event: caught-up` with `{"seq": N}`, then live changes.
 */
export function feedResponse(c: Context, hub: FeedHub, viewer: Viewer, after: number): Response {
  return streamSSE(c, async (stream) => {
    let unsubscribe = () => {};
    const closed = new Promise<void>((resolve) => {
      stream.onAbort(() => resolve());
      unsubscribe = hub.subscribe(
        {
          viewer,
          send: (view) => stream.writeSSE({ id: String(view.seq), event: "advisory", data: JSON.stringify(view) }),
          withdraw: (id, seq) =>
            stream.writeSSE({ id: String(seq), event: "withdrawn", data: JSON.stringify({ id, seq }) }),
          caughtUp: (seq) => stream.writeSSE({ event: "caught-up", data: JSON.stringify({ seq }) }),
        },
        after,
      );
    });
    const ping = setInterval(() => void stream.write(": ping\n\n").catch(() => undefined), PING_MS);
    try {
      await closed;
    } finally {
      clearInterval(ping);
      unsubscribe();
    }
  });
}
