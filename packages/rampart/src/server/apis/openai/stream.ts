import type { MonitorVerdict } from "@rampart/guard";
import { z } from "zod";
import { MalformedUpstream, type StreamRewriter } from "../../chat-api.js";
import type { OutputWatch } from "../../output-watch.js";
import type { SseEvent } from "../../sse.js";

const choiceSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  delta: z.looseObject({ content: z.string().nullish() }).nullish(),
  finish_reason: z.string().nullish(),
});

const chunkSchema = z.looseObject({
  id: z.string().optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z.array(choiceSchema).optional(),
});

type Chunk = z.infer<typeof chunkSchema>;
type Choice = z.infer<typeof choiceSchema>;

const DONE = "[DONE]";

/**
 * Rewrites `chat.completion.chunk` events: each choice's content goes through its own monitor and
 * the client gets what the monitor releases. A halt ends every open choice with finish_reason
 * `content_filter` (what OpenAI itself reports when its filter stops an answer), then `[DONE]`.
 */
export function openAiStreamRewriter(watch: OutputWatch): StreamRewriter {
  let complete = false;
  let last: Chunk = {};
  const started = new Set<number>();
  const finished = new Set<number>();

  function halt(): { events: SseEvent[]; stop: boolean } {
    const open = [...started].filter((index) => !finished.has(index));
    const choices = (open.length === 0 ? [0] : open).map((index) => ({
      index,
      delta: {},
      logprobs: null,
      finish_reason: "content_filter",
    }));
    const chunk = { id: last.id, object: "chat.completion.chunk", created: last.created, model: last.model, choices };
    complete = true;
    return { events: [{ data: JSON.stringify(chunk) }, { data: DONE }], stop: true };
  }

  function released(choice: Choice): { text: string | undefined; halted: boolean } {
    const pushed = choice.delta?.content;
    let text: string | undefined;
    const verdicts: MonitorVerdict[] = [];
    if (typeof pushed === "string" && pushed !== "") verdicts.push(watch.push(choice.index, pushed));
    if (choice.finish_reason != null) {
      verdicts.push(watch.end(choice.index));
      finished.add(choice.index);
    }
    for (const verdict of verdicts) {
      if (verdict.action === "halt") return { text: undefined, halted: true };
      text = (text ?? "") + verdict.emit;
    }
    return { text, halted: false };
  }

  return {
    get complete() {
      return complete;
    },
    rewrite(event) {
      if (event.data.trim() === DONE) {
        // Choices the upstream never finished: what their monitors hold goes out before [DONE].
        const events: SseEvent[] = [];
        for (const index of watch.open()) {
          const verdict = watch.end(index);
          if (verdict.action === "halt") return halt();
          if (verdict.emit !== "") events.push({ data: JSON.stringify(contentChunk(last, index, verdict.emit)) });
        }
        complete = true;
        return { events: [...events, event], stop: false };
      }
      const chunk = parseChunk(event.data);
      // An upstream error event ends the answer; the SDKs throw it as an APIError.
      if ("error" in chunk) complete = true;
      if (chunk.choices === undefined) return { events: [event], stop: false };
      last = chunk;
      let changed = false;
      for (const choice of chunk.choices) {
        started.add(choice.index);
        const { text, halted } = released(choice);
        if (halted) return halt();
        if (text !== undefined && text !== (choice.delta?.content ?? "")) {
          choice.delta = { ...choice.delta, content: text };
          // Log probabilities name the raw tokens: they would give away what the monitor withheld.
          if ("logprobs" in choice) choice.logprobs = null;
          changed = true;
        }
      }
      return { events: [changed ? { data: JSON.stringify(chunk) } : event], stop: false };
    },
  };
}

function parseChunk(data: string): Chunk {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new MalformedUpstream("an upstream stream event is not valid JSON");
  }
  const parsed = chunkSchema.safeParse(value);
  if (!parsed.success) throw new MalformedUpstream("an upstream stream event is not a chat.completion.chunk");
  return parsed.data;
}

function contentChunk(last: Chunk, index: number, content: string): unknown {
  return {
    id: last.id,
    object: "chat.completion.chunk",
    created: last.created,
    model: last.model,
    choices: [{ index, delta: { content }, logprobs: null, finish_reason: null }],
  };
}
