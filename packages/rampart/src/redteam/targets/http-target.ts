import { type Message, RampartError } from "@rampart/guard";
import type { Target, TargetReply } from "../types.js";
import { type Env, expandEnv } from "./env.js";
import { fetchJson, TargetError, type TransportOptions } from "./fetch-json.js";
import { parsePath, readPath } from "./json-path.js";

/** Any HTTP app that takes a request built from a template and answers JSON. */
export interface HttpTargetSpec {
  readonly url: string;
  /** Default POST. */
  readonly method?: "POST" | "PUT" | "PATCH";
  /** Sent with each request; a value may name environment variables as `${NAME}` (API keys). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The request body. `{{prompt}}` is the last user message escaped for a JSON string (write it
   * inside quotes: `{"q": "{{prompt}}"}`); `{{messages}}` is the whole conversation as a JSON array
   * of `{role, content}` (write it bare: `{"messages": {{messages}}}`).
   */
  readonly body: string;
  /** Where the answer's text is in the JSON response: `data.answer`, `choices[0].message.content`. */
  readonly responsePath: string;
}

const PLACEHOLDER = /\{\{\s*(prompt|messages)\s*\}\}/g;

/**
 * Fills the body template in one pass: text put in is never read again as a placeholder, and it
 * is JSON-escaped, so a prompt cannot break out of its string.
 */
export function fillTemplate(template: string, messages: readonly Message[]): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (name === "messages") return JSON.stringify(messages.map((m) => ({ role: m.role, content: m.content })));
    return JSON.stringify(lastUserText(messages)).slice(1, -1);
  });
}

function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === "user") return messages[i]!.content;
  return messages.at(-1)?.content ?? "";
}

/**
 * A target that sends the filled template to `url` and reads the reply's text at `responsePath`.
 * The spec is checked when the target is made: a bad path, an unset `${NAME}`, or a JSON body
 * template that does not make JSON throws INPUT_INVALID. A response without the path throws.
 */
export function httpTarget(spec: HttpTargetSpec, env: Env, transport: TransportOptions = {}): Target {
  const id = `http:${spec.url}`;
  const steps = parsePath(spec.responsePath);
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [name, raw] of Object.entries(spec.headers ?? {})) {
    const expanded = expandEnv(id, raw, env);
    headers[name.toLowerCase()] = expanded.value;
    secrets.push(...expanded.secrets);
  }
  const contentType = headers["content-type"] ?? "application/json";
  if (contentType.includes("json")) checkTemplate(id, spec.body);
  headers["content-type"] = contentType;
  return {
    id,
    async send(messages: readonly Message[]): Promise<TargetReply> {
      const body = fillTemplate(spec.body, messages);
      const answer = await fetchJson(
        { target: id, url: spec.url, method: spec.method, headers, body, secrets },
        transport,
      );
      const value = readPath(answer.body, steps);
      if (value === undefined || value === null) {
        throw new TargetError("INPUT_INVALID", `target ${id}: the answer has nothing at ${spec.responsePath}`);
      }
      return { text: typeof value === "string" ? value : JSON.stringify(value), blocked: false };
    },
  };
}

function checkTemplate(id: string, template: string): void {
  const sample = fillTemplate(template, [{ role: "user", content: 'a "quoted"\nsample' }]);
  try {
    JSON.parse(sample);
  } catch {
    throw new RampartError(
      "INPUT_INVALID",
      `target ${id}: the body template does not make JSON once filled (put {{prompt}} inside quotes, {{messages}} bare)`,
    );
  }
}
