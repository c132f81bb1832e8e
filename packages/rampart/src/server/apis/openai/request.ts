import type { Message, Role } from "@rampart/guard";
import { z } from "zod";
import type { ChatRequest, Read } from "../../chat-api.js";
import { parseBody } from "../parse-body.js";

/** A content part: only text parts carry text the guard reads; images, audio and files pass through. */
const part = z.looseObject({ type: z.string(), text: z.string().optional() });
const content = z.union([z.string(), z.array(part)]).nullish();

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content,
});

/** Only what the guard reads is checked; every other field is the upstream's to judge, and is forwarded as it is. */
const requestSchema = z.looseObject({ messages: z.array(message).min(1) });

type OpenAiBody = z.infer<typeof requestSchema>;
type OpenAiMessage = z.infer<typeof message>;

const ROLES: Readonly<Record<OpenAiMessage["role"], Role>> = {
  system: "system",
  developer: "system",
  user: "user",
  assistant: "assistant",
  tool: "tool",
  function: "tool",
};

export function readOpenAiRequest(body: unknown): Read<ChatRequest> {
  const parsed = parseBody(requestSchema, body);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  return {
    ok: true,
    value: {
      messages: request.messages.map((m): Message => ({ role: ROLES[m.role], content: textOf(m.content) })),
      withSystemAddition: (addition) => withSystemAddition(request, addition),
    },
  };
}

function textOf(value: OpenAiMessage["content"]): string {
  if (typeof value === "string") return value;
  if (value == null) return "";
  return value
    .filter((p) => p.type === "text" && p.text !== undefined)
    .map((p) => p.text)
    .join("\n");
}

function withSystemAddition(body: OpenAiBody, addition: string): OpenAiBody {
  const index = body.messages.findIndex((m) => ROLES[m.role] === "system");
  if (index === -1) return { ...body, messages: [{ role: "system", content: addition }, ...body.messages] };
  const messages = body.messages.map((m, i) => (i === index ? { ...m, content: appended(m.content, addition) } : m));
  return { ...body, messages };
}

function appended(value: OpenAiMessage["content"], addition: string): OpenAiMessage["content"] {
  if (Array.isArray(value)) return [...value, { type: "text", text: addition }];
  return `${value ?? ""}${addition}`;
}
