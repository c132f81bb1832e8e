import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AdvisoryView } from "../model/advisory.js";

/** A feed request as the fake exchange received it, and what it replayed in answer. */
export interface FeedRequest {
  readonly authorization: string | undefined;
  readonly lastEventId: string | undefined;
  readonly after: string | null;
  readonly status: number;
  /** Seqs of the advisories replayed to this request, in order. */
  readonly replayed: number[];
}

/** How the next feed request is answered instead of streaming. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface FakeExchange {
  readonly url: string;
  readonly requests: readonly FeedRequest[];
  /** Open feed streams. */
  readonly streams: number;
  /** Adds an advisory version to the log and sends it to every open stream. */
  publish(view: AdvisoryView): void;
  /** Writes text as is to every open stream (malformed events, comments). */
  sendRaw(text: string): void;
  /** The next feed requests get these answers, one each, before streaming resumes. */
  answerNext(...answers: ScriptedAnswer[]): void;
  /** Ends every open stream, after writing `partial` (half an event, say) when given. */
  dropStreams(partial?: string): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the exchange's feed, speaking the wire protocol followExchange expects:
 * `GET /exchange/v1/feed` with `Authorization: Bearer <key>`, resuming after `Last-Event-ID` (or
 * `?after=`); it replays the log after the cursor, sends `event: caught-up` with `{"seq": N}`,
 * then streams each new publication live. Scripted answers stand in for 401/429/5xx.
 */
export async function startFakeExchange(apiKey: string, log: AdvisoryView[] = []): Promise<FakeExchange> {
  const requests: FeedRequest[] = [];
  const open = new Set<ServerResponse>();
  const scripted: ScriptedAnswer[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const lastEventId = req.headers["last-event-id"];
    const request = {
      authorization: req.headers.authorization,
      lastEventId: Array.isArray(lastEventId) ? lastEventId[0] : lastEventId,
      after: url.searchParams.get("after"),
      replayed: [] as number[],
    };
    const answer = (status: number, headers: Record<string, string> = {}, body = ""): void => {
      requests.push({ ...request, status });
      res.writeHead(status, headers).end(body);
    };
    if (url.pathname !== "/exchange/v1/feed") return answer(404);
    const next = scripted.shift();
    if (next !== undefined) return answer(next.status, { ...next.headers }, next.body);
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(401, {}, '{"error":"unknown api key"}');

    requests.push({ ...request, status: 200 });
    const cursor = Number(request.lastEventId ?? request.after ?? "0");
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(": hello\n\n");
    for (const view of log) {
      if (view.seq <= cursor) continue;
      request.replayed.push(view.seq);
      res.write(event(view));
    }
    const top = Math.max(cursor, ...log.map((v) => v.seq));
    res.write(`event: caught-up\ndata: ${JSON.stringify({ seq: top })}\n\n`);
    open.add(res);
    res.on("close", () => open.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get streams() {
      return open.size;
    },
    publish(view) {
      log.push(view);
      for (const res of open) res.write(event(view));
    },
    sendRaw(text) {
      for (const res of open) res.write(text);
    },
    answerNext(...answers) {
      scripted.push(...answers);
    },
    dropStreams(partial) {
      for (const res of open) {
        if (partial !== undefined) res.write(partial);
        // Destroying the socket, not ending the response: a dropped connection, as the client sees an outage.
        res.destroy();
      }
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function event(view: AdvisoryView): string {
  return `id: ${view.seq}\nevent: advisory\ndata: ${JSON.stringify(view)}\n\n`;
}
