import type { Message } from "@rampart/guard";
import type { Target, TargetReply } from "../types.js";
import { apiKeyFrom, apiUrl, type Env } from "./env.js";
import { fetchJson, TargetError, type TransportOptions } from "./fetch-json.js";

/** An OpenAI-compatible chat completions API: OpenAI, vLLM, Ollama, llama.cpp, or Rampart's proxy. */
export interface OpenAiTargetSpec {
  /** Base URL, with or without the trailing `/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  /** The environment variable holding the API key. Default OPENAI_API_KEY, and no key when that is unset. */
  readonly apiKeyEnv?: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
}

/** The official API's base URL, for `openai:<model>` without `@<baseUrl>`. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * A target that POSTs each conversation to `{baseUrl}/v1/chat/completions` (not streamed). A
 * `finish_reason` of `content_filter`, or Rampart's proxy refusing the request (HTTP 400 with
 * code `rampart_blocked`), is a blocked reply; other failures throw a `TargetError`.
 */
export function openAiTarget(spec: OpenAiTargetSpec, env: Env, transport: TransportOptions = {}): Target {
  const id = `openai:${spec.model}@${spec.baseUrl}`;
  const key = apiKeyFrom(id, spec.apiKeyEnv, "OPENAI_API_KEY", env);
  const url = apiUrl(spec.baseUrl, "/v1/chat/completions");
  const headers: Record<string, string> = key === undefined ? {} : { authorization: `Bearer ${key}` };
  const secrets = key === undefined ? [] : [key];
  return {
    id,
    async send(messages: readonly Message[]): Promise<TargetReply> {
      const body = JSON.stringify({
        model: spec.model,
        messages: messages.map(toOpenAi),
        ...(spec.temperature === undefined ? {} : { temperature: spec.temperature }),
        ...(spec.maxTokens === undefined ? {} : { max_tokens: spec.maxTokens }),
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

/** OpenAI's `tool` role needs a tool call to answer; a tool result without one is sent as user text. */
function toOpenAi(message: Message): { role: string; content: string } {
  return { role: message.role === "tool" ? "user" : message.role, content: message.content };
}

interface Choice {
  message?: { content?: unknown; refusal?: unknown };
  finish_reason?: unknown;
}

function readAnswer(id: string, body: unknown): TargetReply {
  const choices = (body as { choices?: unknown } | null)?.choices;
  const choice = Array.isArray(choices) ? (choices[0] as Choice | undefined) : undefined;
  if (typeof choice !== "object" || choice === null) {
    throw new TargetError("INPUT_INVALID", `target ${id}: the answer has no choices[0]`);
  }
  const content = choice.message?.content;
  const refusal = choice.message?.refusal;
  // A model's own refusal (the `refusal` field) is its text: the judge decides what it means.
  const text = typeof content === "string" ? content : typeof refusal === "string" ? refusal : "";
  return { text, blocked: choice.finish_reason === "content_filter" };
}

/** Rampart's proxy refused the request: `{error: {code: "rampart_blocked"}}`. */
export function isRampartBlock(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  return error?.code === "rampart_blocked" || error?.type === "rampart_blocked";
}
