import Anthropic from "@anthropic-ai/sdk";
import { createGuard } from "@rampart/guard";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedUpstream, startScriptedUpstream } from "./scripted-upstream.js";
import { type RunningServer, startServer } from "./start-server.js";

const TIMEOUT_MS = 300;
const guard = createGuard();
let upstream: ScriptedUpstream;
let server: RunningServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  server = await startServer({
    guard,
    port: 0,
    upstreams: { openai: upstream.url, anthropic: upstream.url },
    limits: { upstreamTimeoutMs: TIMEOUT_MS },
  });
  openai = new OpenAI({ apiKey: "sk-test", baseURL: `${server.url}/v1`, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: "sk-test", baseURL: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await upstream.close();
});

const user = (content: string) => [{ role: "user" as const, content }];

/** Reads an OpenAI stream to its end: the text that came, and the error that ended it, if one did. */
async function drainOpenAi(): Promise<{ text: string; error: unknown }> {
  let text = "";
  try {
    const stream = await openai.chat.completions.create({ model: "m", messages: user("hi"), stream: true });
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

async function drainAnthropic(): Promise<{ text: string; error: unknown }> {
  let text = "";
  const stream = anthropic.messages.stream({ model: "m", max_tokens: 50, messages: user("hi") });
  stream.on("text", (delta) => {
    text += delta;
  });
  try {
    await stream.finalMessage();
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

const lastRequest = () => upstream.requests.at(-1);

/**
 * The text a client got before a failure: at most what the upstream sent (the monitor may hold
 * back a tail that a failure then drops, and a reset may lose bytes still in flight).
 */
const partOf = (sent: string) => (text: string) => sent.startsWith(text);

describe("upstream faults", { timeout: 10_000 }, () => {
  it("answers 504 in the API's shape when the upstream sends no headers in time, and drops the upstream call", async () => {
    upstream.script({ headerDelayMs: Number.POSITIVE_INFINITY });
    const error = await openai.chat.completions.create({ model: "m", messages: user("hi") }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(504);
    expect(error.code).toBe("rampart_upstream_timeout");
    expect(await lastRequest()?.closedEarly).toBe(true);

    const anthropicError = await anthropic.messages
      .create({ model: "m", max_tokens: 5, messages: user("hi") })
      .catch((e) => e);
    expect(anthropicError.status).toBe(504);
    expect(anthropicError.error.error.type).toBe("timeout_error");
  });

  it("passes an upstream 5xx through with its status", async () => {
    upstream.script({ status: 500, body: JSON.stringify({ error: { message: "boom", type: "server_error" } }) });
    const error = await openai.chat.completions.create({ model: "m", messages: user("hi") }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error.status).toBe(500);
    expect(error.message).toContain("boom");

    upstream.script({ status: 503, body: "<html>unavailable</html>" });
    const wrapped = await anthropic.messages
      .create({ model: "m", max_tokens: 5, messages: user("hi") })
      .catch((e) => e);
    expect(wrapped).toBeInstanceOf(Anthropic.InternalServerError);
    expect(wrapped.status).toBe(503);
    expect(wrapped.error.error.message).toContain("HTTP 503");
  });

  it("ends the stream with an error event when the upstream connection is reset mid-stream", async () => {
    upstream.script({ pieces: ["one ", "two ", "three"], delayMs: 30, fault: { after: 1, fault: "reset" } });
    const openAiRun = await drainOpenAi();
    expect(openAiRun.text).toSatisfy(partOf("one "));
    expect(openAiRun.error).toBeInstanceOf(OpenAI.APIError);
    expect(String(openAiRun.error)).toContain("upstream connection broke");

    const anthropicRun = await drainAnthropic();
    expect(anthropicRun.text).toSatisfy(partOf("one "));
    expect(anthropicRun.error).toBeInstanceOf(Anthropic.APIError);
    expect(String(anthropicRun.error)).toContain("upstream connection broke");
  });

  it("ends the stream with an error event on malformed upstream JSON, and aborts the upstream call", async () => {
    upstream.script({ pieces: ["one ", "two"], delayMs: 20, fault: { after: 1, fault: "malformed" } });
    const openAiRun = await drainOpenAi();
    expect(openAiRun.text).toSatisfy(partOf("one "));
    expect(String(openAiRun.error)).toContain("could not read the upstream's stream");
    expect(await lastRequest()?.closedEarly).toBe(true);

    const anthropicRun = await drainAnthropic();
    expect(String(anthropicRun.error)).toContain("could not read the upstream's stream");
    expect(await lastRequest()?.closedEarly).toBe(true);
  });

  it("answers 502 for a whole answer that is not valid JSON", async () => {
    upstream.script({ pieces: ["x"], fault: { after: 0, fault: "malformed" } });
    const error = await openai.chat.completions.create({ model: "m", messages: user("hi") }).catch((e) => e);
    expect(error.status).toBe(502);
    expect(error.code).toBe("rampart_upstream_malformed");
  });

  it("ends a stream that stalls mid-answer with an error event, and aborts the upstream call", async () => {
    upstream.script({ pieces: ["one ", "two"], fault: { after: 1, fault: "hang" } });
    const started = performance.now();
    const openAiRun = await drainOpenAi();
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(openAiRun.text).toSatisfy(partOf("one "));
    expect(String(openAiRun.error)).toContain(`sent nothing for ${TIMEOUT_MS} ms`);
    expect(await lastRequest()?.closedEarly).toBe(true);

    const anthropicRun = await drainAnthropic();
    expect(anthropicRun.error).toBeInstanceOf(Anthropic.APIError);
    expect(String(anthropicRun.error)).toContain(`sent nothing for ${TIMEOUT_MS} ms`);
  });

  it("ends the stream with an error event when the upstream closes it before the answer's end", async () => {
    upstream.script({ pieces: ["one ", "two"], fault: { after: 1, fault: "eof" } });
    const openAiRun = await drainOpenAi();
    expect(String(openAiRun.error)).toContain("ended the stream before the answer was complete");
    const anthropicRun = await drainAnthropic();
    expect(String(anthropicRun.error)).toContain("ended the stream before the answer was complete");
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    const gone = await startScriptedUpstream();
    await gone.close();
    const orphan = await startServer({ guard, port: 0, upstreams: { openai: gone.url } });
    try {
      const response = await fetch(`${orphan.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages: user("hi") }),
      });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("ECONNREFUSED") } });
    } finally {
      await orphan.close();
    }
  });
});

describe("a client that goes away mid-stream", { timeout: 10_000 }, () => {
  it("gets its upstream call aborted", async () => {
    upstream.script({ pieces: Array.from({ length: 100 }, (_, i) => `${i} `), delayMs: 20 });
    const abort = new AbortController();
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: user("count"), stream: true }),
      signal: abort.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain("data: ");
    abort.abort();
    expect(await lastRequest()?.closedEarly).toBe(true);
  });
});
