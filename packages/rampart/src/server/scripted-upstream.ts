import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** What goes wrong after the first `pieces` pieces of an answer. */
export interface ScriptedFault {
  readonly after: number;
  /** reset: the socket is destroyed; hang: nothing more is sent; malformed: an event that is not JSON; eof: the body ends without the API's final events. */
  readonly fault: "reset" | "hang" | "malformed" | "eof";
}

/** How the scripted upstream answers one request. */
export interface ScriptedReply {
  /** The answer's text, one stream event per piece (joined when the request is not streaming). */
  readonly pieces?: readonly string[];
  /** Pause before each piece, in milliseconds. */
  readonly delayMs?: number;
  /** Pause before the response headers; `Infinity` never answers. */
  readonly headerDelayMs?: number;
  /** Answer this status with `body` instead of an answer. */
  readonly status?: number;
  readonly body?: string;
  readonly fault?: ScriptedFault;
}

/** A request as the upstream received it. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  /** The system prompt the upstream was sent (OpenAI: the first system message; Anthropic: `system`). */
  readonly systemPrompt: string;
  /** Resolves when the exchange is over: true when the socket closed before the answer was complete. */
  readonly closedEarly: Promise<boolean>;
}

export type Script = ScriptedReply | ((request: ReceivedRequest) => ScriptedReply);

export interface ScriptedUpstream {
  readonly url: string;
  readonly requests: readonly ReceivedRequest[];
  /** How the next requests are answered, until the next call. */
  script(script: Script): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the OpenAI and Anthropic APIs, answering by script: text pieces, delays,
 * error statuses, malformed JSON, a reset or a hang mid-stream. It speaks both APIs
 * (`/v1/chat/completions`, `/v1/messages`), streaming and not, in their real wire formats, so the
 * official SDKs can talk to it through the proxy. Used by the tests and the overhead benchmark.
 */
export async function startScriptedUpstream(
  initial: Script = { pieces: ["Hello", " there", "!"] },
): Promise<ScriptedUpstream> {
  let current = initial;
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    void answer(req, res, (received) => {
      requests.push(received);
      return typeof current === "function" ? current(received) : current;
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(script) {
      current = script;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, reply: (r: ReceivedRequest) => ScriptedReply) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  } catch {
    res.writeHead(400, { "content-type": "text/plain" }).end("the scripted upstream takes JSON bodies");
    return;
  }
  const closedEarly = new Promise<boolean>((resolve) => res.on("close", () => resolve(!res.writableFinished)));
  const path = req.url ?? "/";
  const script = reply({ path, headers: req.headers, body, systemPrompt: systemPrompt(body), closedEarly });
  if (script.headerDelayMs !== undefined) {
    if (script.headerDelayMs === Number.POSITIVE_INFINITY) return;
    await sleep(script.headerDelayMs);
  }
  if (script.status !== undefined) {
    res.writeHead(script.status, { "content-type": "application/json" }).end(script.body ?? "");
    return;
  }
  const dialect = path.startsWith("/v1/messages") ? ANTHROPIC : OPENAI;
  const pieces = script.pieces ?? [];
  const model = typeof body.model === "string" ? body.model : "scripted";
  if (body.stream !== true) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      script.fault?.fault === "malformed" ? '{"id": "truncated' : JSON.stringify(dialect.whole(model, pieces.join(""))),
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const event of dialect.opening(model)) res.write(event);
  for (const [index, piece] of pieces.entries()) {
    if (script.delayMs !== undefined) await sleep(script.delayMs);
    if (res.destroyed) return;
    if (script.fault !== undefined && index === script.fault.after) return fault(res, script.fault);
    res.write(dialect.piece(model, piece));
  }
  if (script.fault !== undefined) return fault(res, script.fault);
  for (const event of dialect.closing(model, pieces.length)) res.write(event);
  res.end();
}

function fault(res: ServerResponse, fault: ScriptedFault): void {
  if (fault.fault === "reset") res.socket?.resetAndDestroy();
  else if (fault.fault === "malformed") res.write("data: {not json\n\n");
  else if (fault.fault === "eof") res.end();
  // A hang sends nothing more and leaves the socket open.
}

function systemPrompt(body: Record<string, unknown>): string {
  if (typeof body.system === "string") return body.system;
  if (Array.isArray(body.system)) return body.system.map((b: { text?: string }) => b.text ?? "").join("\n");
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: string; content?: unknown }[]) : [];
  const system = messages.find((m) => m.role === "system" || m.role === "developer");
  if (typeof system?.content === "string") return system.content;
  if (Array.isArray(system?.content)) return system.content.map((p: { text?: string }) => p.text ?? "").join("\n");
  return "";
}

interface Dialect {
  whole(model: string, text: string): unknown;
  opening(model: string): string[];
  piece(model: string, text: string): string;
  closing(model: string, pieces: number): string[];
}

const CREATED = 1_700_000_000;

const openAiChunk = (model: string, delta: object, finish: string | null) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-scripted",
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  })}\n\n`;

const OPENAI: Dialect = {
  whole: (model, text) => ({
    id: "chatcmpl-scripted",
    object: "chat.completion",
    created: CREATED,
    model,
    choices: [
      { index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  }),
  opening: (model) => [openAiChunk(model, { role: "assistant", content: "" }, null)],
  piece: (model, text) => openAiChunk(model, { content: text }, null),
  closing: (model) => [openAiChunk(model, {}, "stop"), "data: [DONE]\n\n"],
};

const anthropicEvent = (value: { type: string } & Record<string, unknown>) =>
  `event: ${value.type}\ndata: ${JSON.stringify(value)}\n\n`;

const ANTHROPIC: Dialect = {
  whole: (model, text) => ({
    id: "msg_scripted",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
  }),
  opening: (model) => [
    anthropicEvent({
      type: "message_start",
      message: {
        id: "msg_scripted",
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    }),
    anthropicEvent({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    anthropicEvent({ type: "ping" }),
  ],
  piece: (_model, text) =>
    anthropicEvent({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }),
  closing: (_model, pieces) => [
    anthropicEvent({ type: "content_block_stop", index: 0 }),
    anthropicEvent({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: pieces },
    }),
    anthropicEvent({ type: "message_stop" }),
  ],
};
