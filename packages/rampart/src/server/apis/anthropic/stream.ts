import type { MonitorVerdict } from "@rampart/guard";
import { z } from "zod";
import { MalformedUpstream, type StreamRewriter } from "../../chat-api.js";
import type { OutputWatch } from "../../output-watch.js";
import type { SseEvent } from "../../sse.js";

const index = z.number().int().nonnegative();
const usage = z.looseObject({ output_tokens: z.number().optional() });

const eventSchema = z.looseObject({ type: z.string() });
const blockStartSchema = z.looseObject({
  index,
  content_block: z.looseObject({ type: z.string(), text: z.string().optional() }),
});
const blockDeltaSchema = z.looseObject({
  index,
  delta: z.looseObject({ type: z.string(), text: z.string().optional() }),
});
const blockStopSchema = z.looseObject({ index });
const messageStartSchema = z.looseObject({ message: z.looseObject({ usage: usage.optional() }) });
const messageDeltaSchema = z.looseObject({ usage: usage.optional() });

type Rewritten = { events: SseEvent[]; stop: boolean };

/**
 * Rewrites Anthropic message events: each text block goes through its own monitor (held-back text
 * is released inside its block, before `content_block_stop`); tool use, thinking and pings pass
 * as they are. A halt closes the open block and ends the message with stop_reason `refusal`, the
 * API's own stop reason for an answer stopped for safety.
 */
export function anthropicStreamRewriter(watch: OutputWatch): StreamRewriter {
  let complete = false;
  let outputTokens = 0;
  const textBlocks = new Set<number>();

  function halt(block: number): Rewritten {
    complete = true;
    const events = [
      named({ type: "content_block_stop", index: block }),
      named({
        type: "message_delta",
        delta: { stop_reason: "refusal", stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
      named({ type: "message_stop" }),
    ];
    return { events, stop: true };
  }

  function pass(event: SseEvent, value: unknown, changed: boolean, before: SseEvent[] = []): Rewritten {
    return { events: [...before, changed ? { event: event.event, data: JSON.stringify(value) } : event], stop: false };
  }

  function endBlock(block: number): { verdict: MonitorVerdict; events: SseEvent[] } {
    textBlocks.delete(block);
    const verdict = watch.end(block);
    return { verdict, events: verdict.emit === "" ? [] : [textDelta(block, verdict.emit)] };
  }

  return {
    get complete() {
      return complete;
    },
    rewrite(event) {
      const value = parse(event.data);
      switch (value.type) {
        case "message_start":
          outputTokens = read(messageStartSchema, value).message.usage?.output_tokens ?? outputTokens;
          return pass(event, value, false);
        case "content_block_start": {
          const start = read(blockStartSchema, value);
          if (start.content_block.type !== "text") return pass(event, value, false);
          textBlocks.add(start.index);
          const text = start.content_block.text ?? "";
          if (text === "") return pass(event, value, false);
          const verdict = watch.push(start.index, text);
          start.content_block.text = verdict.emit;
          if (verdict.action === "halt") {
            // The block is opened (empty) before it is closed, as the client expects.
            const halted = halt(start.index);
            return { events: [{ event: event.event, data: JSON.stringify(start) }, ...halted.events], stop: true };
          }
          return pass(event, start, verdict.emit !== text);
        }
        case "content_block_delta": {
          const delta = read(blockDeltaSchema, value);
          const text = delta.delta.text;
          if (!textBlocks.has(delta.index) || delta.delta.type !== "text_delta" || text === undefined) {
            return pass(event, value, false);
          }
          const verdict = watch.push(delta.index, text);
          if (verdict.action === "halt") return halt(delta.index);
          delta.delta.text = verdict.emit;
          return pass(event, delta, verdict.emit !== text);
        }
        case "content_block_stop": {
          const stop = read(blockStopSchema, value);
          if (!textBlocks.has(stop.index)) return pass(event, value, false);
          const ended = endBlock(stop.index);
          if (ended.verdict.action === "halt") return halt(stop.index);
          return pass(event, value, false, ended.events);
        }
        case "message_delta":
          outputTokens = read(messageDeltaSchema, value).usage?.output_tokens ?? outputTokens;
          return pass(event, value, false);
        case "message_stop": {
          // Text blocks the upstream never closed: what their monitors hold goes out before the end.
          const before: SseEvent[] = [];
          for (const block of [...textBlocks]) {
            const ended = endBlock(block);
            if (ended.verdict.action === "halt") return halt(block);
            before.push(...ended.events);
          }
          complete = true;
          return pass(event, value, false, before);
        }
        case "error":
          complete = true;
          return pass(event, value, false);
        default:
          return pass(event, value, false);
      }
    },
  };
}

function parse(data: string): z.infer<typeof eventSchema> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new MalformedUpstream("an upstream stream event is not valid JSON");
  }
  return read(eventSchema, value);
}

function read<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedUpstream("an upstream stream event is not an Anthropic message event");
  return parsed.data;
}

function named(value: { type: string } & Record<string, unknown>): SseEvent {
  return { event: value.type, data: JSON.stringify(value) };
}

function textDelta(block: number, text: string): SseEvent {
  return named({ type: "content_block_delta", index: block, delta: { type: "text_delta", text } });
}
