import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

/** The subset of `fetch` the proxy calls the upstream with. */
export type UpstreamFetch = (
  url: string,
  init: { method: string; headers: Headers; body: string; signal: AbortSignal },
) => Promise<Response>;

const agents = {
  "http:": new HttpAgent({ keepAlive: true, maxSockets: 512 }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: 512 }),
};

/**
 * The upstream call over node:http(s) with keep-alive connections, answering a standard
 * `Response`. The global `fetch` (undici) does the same work at several times the CPU per call (a
 * bare Hono pass-through, measured while building this), and the upstream call is a large part of
 * what the proxy spends per request. The body is not decoded, so the proxy asks for it
 * uncompressed.
 */
export const httpFetch: UpstreamFetch = (url, init) =>
  new Promise<Response>((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
    const headers: Record<string, string> = { "accept-encoding": "identity" };
    for (const [name, value] of init.headers) headers[name] = value;
    const outgoing = send(
      target,
      { method: init.method, headers, agent, signal: init.signal },
      (incoming: IncomingMessage) => resolve(toResponse(incoming)),
    );
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });

function toResponse(incoming: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  }
  const status = incoming.statusCode ?? 502;
  // A body is not allowed on these statuses, and Response refuses one.
  const empty = status === 204 || status === 205 || status === 304;
  if (empty) incoming.resume();
  const body = empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: incoming.statusMessage ?? "", headers });
}
