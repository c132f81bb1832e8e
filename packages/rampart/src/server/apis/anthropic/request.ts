import type { Message } from "@rampart/guard";
import { z } from "zod";
import type { ChatRequest, Read } from "../../chat-api.js";
import { parseBody } from "../parse-body.js";

/** Blocks are read loosely: the guard reads their text, the upstream judges the rest. */
const block = z.looseObject({ type: z.string() });
type Block = z.infer<typeof block>;

const systemSchema = z.union([z.string(), z.array(z.looseObject({ type: z.literal("text"), text: z.string() }))]);

const requestSchema = z.looseObject({
  system: systemSchema.optional(),
  messages: z.array(
    z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(block)]) }),
  ),
});

type AnthropicBody = z.infer<typeof requestSchema>;

export function readAnthropicRequest(body: unknown): Read<ChatRequest> {
  const parsed = parseBody(requestSchema, body);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const messages: Message[] = [];
  if (request.system !== undefined) messages.push({ role: "system", content: systemText(request.system) });
  for (const message of request.messages) {
    if (typeof message.content === "string") messages.push({ role: message.role, content: message.content });
    else messages.push(...fromBlocks(message.role, message.content));
  }
  return { ok: true, value: { messages, withSystemAddition: (addition) => withSystemAddition(request, addition) } };
}

function systemText(system: z.infer<typeof systemSchema>): string {
  return typeof system === "string" ? system : system.map((b) => b.text).join("\n");
}

/**
 * A turn's blocks in order; each tool result becomes a `tool` message of its own (text the model
 * reads but no user wrote: where indirect injections arrive), the other blocks' text the turn's.
 */
function fromBlocks(role: "user" | "assistant", blocks: readonly Block[]): Message[] {
  const messages: Message[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length > 0) messages.push({ role, content: text.join("\n") });
    text = [];
  };
  for (const item of blocks) {
    if (item.type === "tool_result") {
      flush();
      messages.push({ role: "tool", content: textIn(item.content, 0).join("\n") });
    } else {
      text.push(...textOf(item, 0));
    }
  }
  flush();
  return messages.length > 0 ? messages : [{ role, content: "" }];
}

/** Text blocks, documents given as text, and the text blocks nested in tool results and search results. */
function textOf(item: Record<string, unknown>, depth: number): string[] {
  const found: string[] = [];
  if (item.type === "text" && typeof item.text === "string") found.push(item.text);
  found.push(...textIn(item.content, depth + 1));
  const source = item.source;
  if (isRecord(source)) {
    if (source.type === "text" && typeof source.data === "string") found.push(source.data);
    found.push(...textIn(source.content, depth + 1));
  }
  return found;
}

function textIn(value: unknown, depth: number): string[] {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || depth > MAX_DEPTH) return [];
  return value.filter(isRecord).flatMap((item) => textOf(item, depth));
}

/** Blocks nest a few levels at most (a document inside a tool result); deeper is not a real request. */
const MAX_DEPTH = 4;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withSystemAddition(body: AnthropicBody, addition: string): AnthropicBody {
  if (body.system === undefined) return { ...body, system: addition };
  if (typeof body.system === "string") return { ...body, system: `${body.system}${addition}` };
  return { ...body, system: [...body.system, { type: "text", text: addition }] };
}
