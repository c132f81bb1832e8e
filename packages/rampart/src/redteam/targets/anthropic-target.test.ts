import Anthropic from "@anthropic-ai/sdk";
import type { Message } from "@rampart/guard";
import { afterEach, describe, expect, it } from "vitest";
import { startScriptedUpstream } from "../../server/scripted-upstream.js";
import { ANTHROPIC_VERSION, anthropicTarget } from "./anthropic-target.js";
import { TargetError } from "./fetch-json.js";
import { type JsonServerReply, startJsonServer } from "./json-server.testing.js";

const KEY = "sk-ant-test-key-0123456789";
const env = { ANTHROPIC_API_KEY: KEY };
const fast = { backoffMs: 5, timeoutMs: 2_000 };
const ask: Message[] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Say hello." },
  { role: "assistant", content: "Hello." },
  { role: "system", content: "Answer in English." },
  { role: "user", content: "Again." },
];

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(answer: () => JsonServerReply) {
  const server = await startJsonServer(answer);
  servers.push(server);
  return server;
}

const message = (content: unknown[], stopReason: string) => ({
  id: "msg_test",
  type: "message",
  role: "assistant",
  model: "claude-test",
  content,
  stop_reason: stopReason,
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
});

describe("anthropicTarget", () => {
  it("moves system messages to `system`, sends the key and version, answers the text", async () => {
    const upstream = await startScriptedUpstream({ pieces: ["Hello", " again"] });
    servers.push(upstream);
    const target = anthropicTarget({ baseUrl: `${upstream.url}/v1`, model: "claude-test", maxTokens: 64 }, env, fast);
    expect(target.id).toBe(`anthropic:claude-test@${upstream.url}/v1`);
    expect(await target.send(ask)).toEqual({ text: "Hello again", blocked: false });
    const [received] = upstream.requests;
    expect(received!.path).toBe("/v1/messages");
    expect(received!.headers["x-api-key"]).toBe(KEY);
    expect(received!.headers["anthropic-version"]).toBe(ANTHROPIC_VERSION);
    expect(received!.headers.authorization).toBeUndefined();
    expect(received!.systemPrompt).toBe("You are terse.\n\nAnswer in English.");
    expect(received!.body).toEqual({
      model: "claude-test",
      max_tokens: 64,
      system: "You are terse.\n\nAnswer in English.",
      messages: [
        { role: "user", content: "Say hello." },
        { role: "assistant", content: "Hello." },
        { role: "user", content: "Again." },
      ],
    });
  });

  it("sends the body the official SDK sends for the same request, to the same path", async () => {
    const server = await serve(() => ({ json: message([{ type: "text", text: "ok" }], "end_turn") }));
    const sdk = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
    const body = {
      model: "claude-test",
      max_tokens: 1024,
      system: "Be brief.",
      messages: [{ role: "user", content: "Hi" }],
    };
    await sdk.messages.create(body as Anthropic.MessageCreateParamsNonStreaming);
    await anthropicTarget({ baseUrl: server.url, model: "claude-test" }, env, fast).send([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
    ]);
    const [bySdk, byTarget] = server.requests;
    expect(byTarget!.path).toBe(bySdk!.path);
    // The SDK's credentials and version headers differ by release; the API takes x-api-key.
    expect(byTarget!.headers["content-type"]).toBe(bySdk!.headers["content-type"]);
    expect(JSON.parse(byTarget!.text)).toEqual(JSON.parse(bySdk!.text));
  });

  it("joins the text blocks and skips the others", async () => {
    const content = [
      { type: "thinking", thinking: "hmm", signature: "s" },
      { type: "text", text: "Part one. " },
      { type: "tool_use", id: "t", name: "x", input: {} },
      { type: "text", text: "Part two." },
    ];
    const server = await serve(() => ({ json: message(content, "end_turn") }));
    const reply = await anthropicTarget({ baseUrl: server.url, model: "c" }, env, fast).send(ask);
    expect(reply).toEqual({ text: "Part one. Part two.", blocked: false });
  });

  it("a refusal stop reason, or Rampart's proxy refusing the request, is a blocked reply", async () => {
    const refused = await serve(() => ({ json: message([{ type: "text", text: "I can't." }], "refusal") }));
    const reply = await anthropicTarget({ baseUrl: refused.url, model: "c" }, env, fast).send(ask);
    expect(reply).toEqual({ text: "I can't.", blocked: true });
    const error = { type: "invalid_request_error", message: "Rampart blocked this request (jailbreak); verdict 7." };
    const proxy = await serve(() => ({ status: 400, json: { type: "error", error } }));
    expect(await anthropicTarget({ baseUrl: proxy.url, model: "c" }, env, fast).send(ask)).toEqual({
      text: "",
      blocked: true,
    });
  });

  it("an overloaded 529 is retried, then an error naming the status, without the key", async () => {
    const server = await serve(() => ({
      status: 529,
      json: { type: "error", error: { type: "overloaded_error", message: `Overloaded (key ${KEY})` } },
    }));
    const target = anthropicTarget({ baseUrl: server.url, model: "c" }, env, { ...fast, maxRetries: 2 });
    const error = (await target.send(ask).catch((e: unknown) => e)) as TargetError;
    expect(error).toBeInstanceOf(TargetError);
    expect(server.requests).toHaveLength(3);
    expect(error.message).toBe(`target anthropic:c@${server.url} answered HTTP 529: Overloaded (key [redacted])`);
  });

  it("an answer without content blocks is an error", async () => {
    const server = await serve(() => ({ json: { type: "message" } }));
    await expect(anthropicTarget({ baseUrl: server.url, model: "c" }, env, fast).send(ask)).rejects.toThrow(
      /has no content blocks/,
    );
  });
});
