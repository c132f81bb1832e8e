import type { Message } from "@rampart/guard";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startScriptedUpstream } from "../../server/scripted-upstream.js";
import { TargetError } from "./fetch-json.js";
import { type JsonServer, type JsonServerReply, openAiCompletion, startJsonServer } from "./json-server.testing.js";
import { openAiTarget } from "./openai-target.js";

const KEY = "sk-test-0123456789abcdef-secret";
const env = { OPENAI_API_KEY: KEY };
const fast = { backoffMs: 5, timeoutMs: 2_000 };
const ask: Message[] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Say hello." },
];

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(answer: (index: number) => JsonServerReply): Promise<JsonServer> {
  const server = await startJsonServer((_, index) => answer(index));
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<TargetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  return error as TargetError;
}

describe("openAiTarget", () => {
  it("answers the reply's text from the scripted OpenAI-compatible upstream, base URL with or without /v1", async () => {
    const upstream = await startScriptedUpstream({ pieces: ["Hello", " there"] });
    servers.push(upstream);
    for (const baseUrl of [upstream.url, `${upstream.url}/v1`, `${upstream.url}/v1/`]) {
      const target = openAiTarget({ baseUrl, model: "m1", temperature: 0, maxTokens: 50 }, env, fast);
      expect(await target.send(ask)).toEqual({ text: "Hello there", blocked: false });
    }
    expect(upstream.requests.map((r) => r.path)).toEqual(Array(3).fill("/v1/chat/completions"));
    const [first] = upstream.requests;
    expect(first!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first!.body).toEqual({ model: "m1", messages: ask, temperature: 0, max_tokens: 50 });
  });

  it("sends what the official SDK sends for the same conversation", async () => {
    const server = await serve(() => ({ json: openAiCompletion("ok") }));
    const sdk = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const messages = ask.map((m) => ({ role: m.role as "system" | "user", content: m.content }));
    await sdk.chat.completions.create({ model: "m1", messages });
    await openAiTarget({ baseUrl: server.url, model: "m1" }, env, fast).send(ask);
    const [bySdk, byTarget] = server.requests;
    expect(byTarget!.path).toBe(bySdk!.path);
    expect(byTarget!.headers.authorization).toBe(bySdk!.headers.authorization);
    expect(JSON.parse(byTarget!.text)).toEqual(JSON.parse(bySdk!.text));
  });

  it("a content_filter finish or Rampart's rampart_blocked 400 is a blocked reply", async () => {
    const filtered = await serve(() => ({ json: openAiCompletion(null, "content_filter") }));
    expect(await openAiTarget({ baseUrl: filtered.url, model: "m" }, env, fast).send(ask)).toEqual({
      text: "",
      blocked: true,
    });
    const error = { message: "Rampart blocked this request (jailbreak); verdict 1.", type: "rampart_blocked" };
    const proxy = await serve(() => ({ status: 400, json: { error: { ...error, code: "rampart_blocked" } } }));
    expect(await openAiTarget({ baseUrl: proxy.url, model: "m" }, env, fast).send(ask)).toEqual({
      text: "",
      blocked: true,
    });
  });

  it("retries a 429, waiting what Retry-After says, then answers", async () => {
    const both = await serve((i) =>
      i === 0 ? { status: 429, headers: { "retry-after": "0.3" } } : { json: openAiCompletion("after the wait") },
    );
    const reply = await openAiTarget({ baseUrl: both.url, model: "m" }, env, fast).send(ask);
    expect(reply.text).toBe("after the wait");
    expect(both.requests).toHaveLength(2);
    expect(both.times[1]! - both.times[0]!).toBeGreaterThanOrEqual(280);
  });

  it("gives up after 3 retries of a 500, naming the target and the status", async () => {
    const server = await serve(() => ({ status: 500, json: { error: { message: "overloaded" } } }));
    const error = await failure(openAiTarget({ baseUrl: server.url, model: "m" }, env, fast).send(ask));
    expect(server.requests).toHaveLength(4);
    expect(error.status).toBe(500);
    expect(error.message).toBe(`target openai:m@${server.url} answered HTTP 500: overloaded`);
  });

  it("does not retry a 400 that is not Rampart's", async () => {
    const server = await serve(() => ({ status: 400, json: { error: { message: "unknown model" } } }));
    const error = await failure(openAiTarget({ baseUrl: server.url, model: "m" }, env, fast).send(ask));
    expect(server.requests).toHaveLength(1);
    expect(error.message).toMatch(/answered HTTP 400: unknown model$/);
  });

  it("times out a server that does not answer, retried, then an error", async () => {
    const server = await serve(() => ({ delayMs: 1_000, json: openAiCompletion("late") }));
    const target = openAiTarget({ baseUrl: server.url, model: "m" }, env, { ...fast, timeoutMs: 100, maxRetries: 1 });
    const error = await failure(target.send(ask));
    expect(error.message).toBe(`target openai:m@${server.url}: no complete answer within 100 ms`);
    expect(server.requests).toHaveLength(2);
  });

  it("times out a body that stalls after the headers", async () => {
    const server = await serve(() => ({ stall: true, json: openAiCompletion("never complete") }));
    const target = openAiTarget({ baseUrl: server.url, model: "m" }, env, { ...fast, timeoutMs: 100, maxRetries: 0 });
    const error = await failure(target.send(ask));
    expect(error.message).toBe(`target openai:m@${server.url}: no complete answer within 100 ms`);
  });

  it("a refused connection is retried, then an error", async () => {
    const server = await startJsonServer(() => ({}));
    const url = server.url;
    await server.close();
    const error = await failure(openAiTarget({ baseUrl: url, model: "m" }, env, fast).send(ask));
    expect(error.message).toBe(`target openai:m@${url}: the request failed (ECONNREFUSED)`);
  });

  it("never puts the API key in an error, even when the server echoes it", async () => {
    const server = await serve(() => ({
      status: 401,
      json: { error: { message: `Incorrect API key provided: ${KEY}. Bearer ${KEY}` } },
    }));
    const error = await failure(openAiTarget({ baseUrl: server.url, model: "m" }, env, fast).send(ask));
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(error.code).toBe("UNAUTHENTICATED");
    expect(error.message).toContain("Incorrect API key provided: [redacted]");
    expect(JSON.stringify({ message: error.message, body: error.body, stack: error.stack })).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("reads the key from the variable the spec names, and says when it is unset", async () => {
    const server = await serve(() => ({ json: openAiCompletion("ok") }));
    await openAiTarget({ baseUrl: server.url, model: "m", apiKeyEnv: "MY_KEY" }, { MY_KEY: "k-1" }, fast).send(ask);
    expect(server.requests[0]!.headers.authorization).toBe("Bearer k-1");
    await openAiTarget({ baseUrl: server.url, model: "m" }, {}, fast).send(ask);
    expect(server.requests[1]!.headers.authorization).toBeUndefined();
    expect(() => openAiTarget({ baseUrl: server.url, model: "m", apiKeyEnv: "MY_KEY" }, {}, fast)).toThrow(
      /environment variable MY_KEY \(apiKeyEnv\) is not set/,
    );
  });
});
