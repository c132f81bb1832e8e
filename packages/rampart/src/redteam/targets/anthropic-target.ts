import type { Message } from "@rampart/guard";
import type { Target, TargetReply } from "../types.js";
import { apiKeyFrom, apiUrl, type Env } from "./env.js";
import { fetchJson, TargetError, type TransportOptions } from "./fetch-json.js";

/** Anthropic's Messages API, or Rampart's proxy in front of it. */
export interface AnthropicTargetSpec {
  /** Base URL, with or without the trailing `/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  /** The environment variable holding the API key. Default ANTHROPIC_API_KEY, and no key when that is unset. */
  readonly apiKeyEnv?: string;
  /** The API requires a bound on the answer. Default 1024. */
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/** The official API's base URL, for `anthropic:<model>` without `@<baseUrl>`. */
export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

/** The Messages API version every call names. */
export const ANTHROPIC_VERSION = "2023-06-01";

/**
 * A target that POSTs each conversation to `{baseUrl}/v1/messages` (not streamed): system
 * messages go to `system`, the answer's text blocks are joined. A `stop_reason` of `refusal`, or
 * Rampart's proxy refusing the request, is a blocked reply; other failures throw a `TargetError`.
 */
export function anthropicTarget(spec: AnthropicTargetSpec, env: Env, transport: TransportOptions = {}): Target {
  const id = `anthropic:${spec.model}@${spec.baseUrl}`;
  const key = apiKeyFrom(id, spec.apiKeyEnv, "ANTHROPIC_API_KEY", env);
  const url = apiUrl(spec.baseUrl, "/v1/messages");
  const headers: Record<string, string> = {
    "anthropic-version": ANTHROPIC_VERSION,
    ...(key === undefined ? {} : { "x-api-key": key }),
  };
  const secrets = key === undefined ? [] : [key];
  return {
    id,
    async send(messages: readonly Message[]): Promise<TargetReply> {
      const system = messages.filter((m) => m.role === "system").map((m) => m.content);
      const body = JSON.stringify({
        model: spec.model,
        max_tokens: spec.maxTokens ?? 1024,
        ...(system.length === 0 ? {} : { system: system.join("\n\n") }),
        messages: messages
          .filter((m) => m.role !== "system")
          // A tool result needs a tool_use to answer; without one it is sent as user text.
          .map((m) => ({ role: m.role === "assistant" ? "assistant" : "user", content: m.content })),
        ...(spec.temperature === undefined ? {} : { temperature: spec.temperature }),
      });
      try {
        const answer = await fetchJson({ target: id, url, headers, body, secrets }, transport);
        return readAnswer(id, answer.body);
      } catch (error) {
        if (error instanceof TargetError && error.status === 400 && isRampartBlock(error.body)) {
          return { text: "", blocked: true };
        }
        throw error;
      }
    },
  };
}

function readAnswer(id: string, body: unknown): TargetReply {
  const answer = body as { content?: unknown; stop_reason?: unknown } | null;
  if (!Array.isArray(answer?.content)) {
    throw new TargetError("INPUT_INVALID", `target ${id}: the answer has no content blocks`);
  }
  const text = (answer.content as { type?: unknown; text?: unknown }[])
    .filter((block) => block.type === "text" && typeof block.text === "string")
    .map((block) => block.text as string)
    .join("");
  return { text, blocked: answer.stop_reason === "refusal" };
}

/** Rampart's proxy refused the request: in Anthropic's error shape its message says so. */
function isRampartBlock(body: unknown): boolean {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === "string" && message.startsWith("Rampart blocked this request");
}
