import type { MonitorVerdict, StreamMonitor, Verdict } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { type ChatApi, MalformedUpstream } from "../chat-api.js";
import { OutputWatch } from "../output-watch.js";
import type { SseEvent } from "../sse.js";
import { anthropicMessages } from "./anthropic/api.js";
import { openAiChat } from "./openai/api.js";
import { CHAT_APIS } from "./registry.js";

/**
 * A stand-in monitor with the real one's contract and none of its detectors: it holds back the
 * output's last word (from its last space on), masks "secret", and halts once "HALT" appears.
 */
function fakeMonitor(): StreamMonitor {
  let held = "";
  let halted = false;
  let length = 0;
  const verdict = (action: Verdict["action"], emit: string): MonitorVerdict => ({
    action,
    risk: action === "allow" ? 0 : 1,
    categories: [],
    signals: [],
    micros: 0,
    emit,
  });
  const mask = (text: string) => text.replaceAll("secret", "[MASK]");
  return {
    get halted() {
      return halted;
    },
    get length() {
      return length;
    },
    push(chunk) {
      if (halted) return verdict("halt", "");
      length += chunk.length;
      const text = held + chunk;
      if (text.includes("HALT")) {
        halted = true;
        return verdict("halt", "");
      }
      const cut = Math.max(0, text.lastIndexOf(" "));
      held = text.slice(cut);
      return verdict(text.includes("secret") ? "redact" : "allow", mask(text.slice(0, cut)));
    },
    end() {
      if (halted) return verdict("halt", "");
      const rest = held;
      held = "";
      return verdict("allow", mask(rest));
    },
  };
}

/** How a test speaks one API's wire format. */
interface Wire {
  stream(pieces: readonly string[]): SseEvent[];
  text(events: readonly SseEvent[]): string;
  /** finish_reason / stop_reason as the client sees it. */
  stop(events: readonly SseEvent[]): string | undefined;
  /** The event a well-ended stream ends with. */
  readonly last: SseEvent | ((event: SseEvent) => boolean);
  readonly halted: string;
  answer(text: string): unknown;
  answerText(body: unknown): string;
  answerStop(body: unknown): string;
}

const json = (event: SseEvent) => JSON.parse(event.data);

const openAiWire: Wire = {
  stream: (pieces) => [
    {
      data: JSON.stringify({
        id: "c",
        created: 1,
        model: "m",
        choices: [{ index: 0, delta: { role: "assistant" }, finish_reason: null }],
      }),
    },
    ...pieces.map((content) => ({
      data: JSON.stringify({
        id: "c",
        created: 1,
        model: "m",
        choices: [{ index: 0, delta: { content }, finish_reason: null }],
      }),
    })),
    {
      data: JSON.stringify({
        id: "c",
        created: 1,
        model: "m",
        choices: [{ index: 0, delta: {}, finish_reason: "stop" }],
      }),
    },
    { data: "[DONE]" },
  ],
  text: (events) =>
    events
      .filter((e) => e.data !== "[DONE]")
      .map((e) => json(e).choices?.[0]?.delta?.content ?? "")
      .join(""),
  stop: (events) =>
    events
      .filter((e) => e.data !== "[DONE]")
      .map((e) => json(e).choices?.[0]?.finish_reason)
      .find((reason) => reason != null),
  last: { data: "[DONE]" },
  halted: "content_filter",
  answer: (content) => ({
    id: "c",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  }),
  answerText: (body) => (body as { choices: { message: { content: string } }[] }).choices[0]?.message.content ?? "",
  answerStop: (body) => (body as { choices: { finish_reason: string }[] }).choices[0]?.finish_reason ?? "",
};

const named = (value: { type: string } & Record<string, unknown>): SseEvent => ({
  event: value.type,
  data: JSON.stringify(value),
});

const anthropicWire: Wire = {
  stream: (pieces) => [
    named({ type: "message_start", message: { id: "m", content: [], usage: { input_tokens: 1, output_tokens: 1 } } }),
    named({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    named({ type: "ping" }),
    ...pieces.map((text) => named({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } })),
    named({ type: "content_block_stop", index: 0 }),
    named({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: 3 },
    }),
    named({ type: "message_stop" }),
  ],
  text: (events) =>
    events
      .map(json)
      .filter((e) => e.type === "content_block_delta" && e.delta.type === "text_delta")
      .map((e) => e.delta.text)
      .join(""),
  stop: (events) => events.map(json).find((e) => e.type === "message_delta")?.delta.stop_reason,
  last: (event) => event.event === "message_stop",
  halted: "refusal",
  answer: (text) => ({ id: "m", type: "message", content: [{ type: "text", text }], stop_reason: "end_turn" }),
  answerText: (body) => (body as { content: { text?: string }[] }).content.map((b) => b.text ?? "").join(""),
  answerStop: (body) => (body as { stop_reason: string }).stop_reason,
};

const WIRES = new Map<ChatApi, Wire>([
  [openAiChat, openAiWire],
  [anthropicMessages, anthropicWire],
]);

/** Feeds upstream events through a rewriter as the proxy does, stopping where it says stop. */
function run(api: ChatApi, events: readonly SseEvent[]) {
  const rewriter = api.rewriteStream(new OutputWatch(fakeMonitor));
  const out: SseEvent[] = [];
  let stopped = false;
  for (const event of events) {
    const rewritten = rewriter.rewrite(event);
    out.push(...rewritten.events);
    if (rewritten.stop) {
      stopped = true;
      break;
    }
  }
  return { out, stopped, complete: rewriter.complete };
}

describe.each(CHAT_APIS.map((api) => [api.route, api] as const))("the %s API", (_route, api) => {
  const wire = WIRES.get(api) as Wire;

  it("has a wire format in this suite", () => {
    expect(wire).toBeDefined();
  });

  it("streams a benign answer whole, held-back text released before the answer's end", () => {
    const { out, stopped, complete } = run(api, wire.stream(["Hello", " there", "!"]));
    expect(stopped).toBe(false);
    expect(complete).toBe(true);
    expect(wire.text(out)).toBe("Hello there!");
    const stopAt = out.findIndex((e) => wire.stop([e]) !== undefined);
    expect(wire.text(out.slice(0, stopAt + 1))).toBe("Hello there!");
    const last = out.at(-1) as SseEvent;
    expect(typeof wire.last === "function" ? wire.last(last) : last).toEqual(
      typeof wire.last === "function" ? true : wire.last,
    );
  });

  it("sends what the monitor releases, not the upstream's text", () => {
    const { out } = run(api, wire.stream(["my secret", " is safe"]));
    expect(wire.text(out)).toBe("my [MASK] is safe");
  });

  it("ends a halted stream cleanly, in the API's own terms, and drops held-back text", () => {
    const { out, stopped, complete } = run(api, wire.stream(["ok ", "now HALT", " never"]));
    expect(stopped).toBe(true);
    expect(complete).toBe(true);
    expect(wire.text(out)).toBe("ok");
    expect(wire.stop(out)).toBe(wire.halted);
    const last = out.at(-1) as SseEvent;
    expect(typeof wire.last === "function" ? wire.last(last) : last).toEqual(
      typeof wire.last === "function" ? true : wire.last,
    );
  });

  it("refuses an event that is not JSON or not of the API", () => {
    const rewriter = api.rewriteStream(new OutputWatch(fakeMonitor));
    expect(() => rewriter.rewrite({ data: "{not json" })).toThrow(MalformedUpstream);
    expect(() => rewriter.rewrite({ data: "[1, 2]" })).toThrow(MalformedUpstream);
  });

  it("rewrites a whole answer: redacted, or emptied and stopped when halted", () => {
    const redacted = api.rewriteAnswer(wire.answer("a secret here"), new OutputWatch(fakeMonitor));
    expect(redacted.ok && wire.answerText(redacted.value)).toBe("a [MASK] here");
    const halted = api.rewriteAnswer(wire.answer("please HALT"), new OutputWatch(fakeMonitor));
    expect(halted.ok && wire.answerText(halted.value)).toBe("");
    expect(halted.ok && wire.answerStop(halted.value)).toBe(wire.halted);
    expect(api.rewriteAnswer({ unexpected: true }, new OutputWatch(fakeMonitor)).ok).toBe(false);
  });

  it("renders failures in its error shape, and recognises that shape from an upstream", () => {
    const body = api.errorBody({ kind: "blocked", status: 400, message: "Rampart blocked this request" });
    expect(api.isErrorBody(body)).toBe(true);
    expect(api.isErrorBody({ message: "no" })).toBe(false);
    expect(JSON.parse(api.errorEvent({ kind: "upstream_broken", status: 502, message: "m" }).data)).toEqual(
      api.errorBody({ kind: "upstream_broken", status: 502, message: "m" }),
    );
  });
});

describe("OpenAI streams", () => {
  it("keep choices apart, and drop the log probabilities of content the monitor changed", () => {
    const chunk = (index: number, content: string, finish: string | null = null) => ({
      data: JSON.stringify({
        id: "c",
        choices: [{ index, delta: { content }, logprobs: { content: [] }, finish_reason: finish }],
      }),
    });
    const { out } = run(openAiChat, [
      chunk(0, "ab"),
      chunk(1, "xy"),
      chunk(0, "c", "stop"),
      chunk(1, "z", "stop"),
      { data: "[DONE]" },
    ]);
    const texts = [0, 1].map((index) =>
      out
        .filter((e) => e.data !== "[DONE]")
        .flatMap((e) => json(e).choices)
        .filter((c: { index: number }) => c.index === index)
        .map((c: { delta: { content?: string } }) => c.delta.content ?? "")
        .join(""),
    );
    expect(texts).toEqual(["abc", "xyz"]);
    expect(json(out[0] as SseEvent).choices[0].logprobs).toBeNull();
  });

  it("treat an upstream error event as the end of the answer", () => {
    const { out, complete } = run(openAiChat, [{ data: JSON.stringify({ error: { message: "overloaded" } }) }]);
    expect(complete).toBe(true);
    expect(json(out[0] as SseEvent).error.message).toBe("overloaded");
  });
});

describe("Anthropic streams", () => {
  it("open a block before closing it when its very first text halts", () => {
    const events = [
      named({ type: "message_start", message: { usage: { output_tokens: 1 } } }),
      named({ type: "content_block_start", index: 0, content_block: { type: "text", text: "HALT" } }),
    ];
    const { out, stopped } = run(anthropicMessages, events);
    expect(stopped).toBe(true);
    expect(out.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(json(out[1] as SseEvent).content_block.text).toBe("");
  });

  it("pass tool use and thinking blocks through untouched", () => {
    const events = [
      named({ type: "message_start", message: { usage: { output_tokens: 1 } } }),
      named({ type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } }),
      named({ type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "HALT secret" } }),
      named({ type: "content_block_stop", index: 0 }),
      named({
        type: "content_block_start",
        index: 1,
        content_block: { type: "tool_use", id: "t", name: "f", input: {} },
      }),
      named({ type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"a":1}' } }),
      named({ type: "content_block_stop", index: 1 }),
      named({ type: "message_stop" }),
    ];
    const { out, stopped } = run(anthropicMessages, events);
    expect(stopped).toBe(false);
    expect(out).toEqual(events);
  });
});
