import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A request as the server received it. */
export interface JsonServerRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** How the server answers one request: a JSON value (or raw text), a status, headers, a delay. */
export interface JsonServerReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  readonly delayMs?: number;
  /** Send the headers and half the body, then nothing more. */
  readonly stall?: boolean;
}

/** A local HTTP server answering by script, for the targets' tests. */
export interface JsonServer {
  readonly url: string;
  readonly requests: readonly JsonServerRequest[];
  /** When each request arrived (performance.now()). */
  readonly times: readonly number[];
  close(): Promise<void>;
}

/** Starts a server on a free port; `answer` gets each request and its 0-based number. */
export async function startJsonServer(
  answer: (request: JsonServerRequest, index: number) => JsonServerReply,
): Promise<JsonServer> {
  const requests: JsonServerRequest[] = [];
  const times: number[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      text: Buffer.concat(chunks).toString("utf8"),
    };
    times.push(performance.now());
    requests.push(request);
    const reply = answer(request, requests.length - 1);
    if (reply.delayMs !== undefined) await sleep(reply.delayMs);
    if (res.destroyed) return;
    const body = reply.text ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    if (reply.stall === true) res.write(body.slice(0, body.length / 2));
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    times,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An OpenAI chat completion answering `content`, with `finish` as its finish_reason. */
export function openAiCompletion(content: string | null, finish = "stop"): unknown {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: finish }],
  };
}
