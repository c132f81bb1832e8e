import { setTimeout as sleep } from "node:timers/promises";
import { type ErrorCode, RampartError } from "@rampart/guard";
import { httpFetch, type UpstreamFetch } from "../../server/http-fetch.js";

/** How a target calls its API: bounds on time and on retries. Every field has a default. */
export interface TransportOptions {
  /** Longest wait for one response, its body included, in milliseconds. Default 60 000. */
  readonly timeoutMs?: number;
  /** Retries after a 429, a 5xx, a timeout or a network failure. Default 3. */
  readonly maxRetries?: number;
  /** The first backoff; it doubles with each retry, with jitter. Default 500 ms. */
  readonly backoffMs?: number;
  /** The longest wait between two tries, a server's Retry-After included. Default 30 000 ms. */
  readonly maxBackoffMs?: number;
  /** The HTTP client; keep-alive node:http by default (cheaper per call than the global fetch). */
  readonly fetch?: UpstreamFetch;
  /** Uniform in [0, 1): the jitter's source. */
  readonly random?: () => number;
}

/** One JSON call to a target's API. */
export interface JsonRequest {
  /** The target's id: every error names it. */
  readonly target: string;
  readonly url: string;
  readonly method?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Values that must never reach an error (API keys): masked in anything read back from the server. */
  readonly secrets: readonly string[];
}

/** A 2xx answer, its body parsed (secrets masked). */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A target's call failed: the message names the target and, for an HTTP error, the status. */
export class TargetError extends RampartError {
  /** The HTTP status, when the server answered one. */
  readonly status: number | undefined;
  /** The error body, parsed, secrets masked (undefined when it was not JSON). */
  readonly body: unknown;

  constructor(code: ErrorCode, message: string, status?: number, body?: unknown) {
    super(code, message);
    this.name = "TargetError";
    this.status = status;
    this.body = body;
  }
}

/** What stands where a secret was in text read back from a server. */
export const SECRET_MARK = "[redacted]";

/**
 * POSTs JSON and parses the answer. 429, 5xx, timeouts and network failures are retried with
 * exponential backoff and jitter (a Retry-After is honoured, up to `maxBackoffMs`); other 4xx
 * statuses are not. Throws `TargetError` when the last try failed, with every secret masked.
 */
export async function fetchJson(request: JsonRequest, options: TransportOptions = {}): Promise<JsonResponse> {
  const maxRetries = options.maxRetries ?? 3;
  for (let retry = 0; ; retry++) {
    const outcome = await tryOnce(request, options);
    if (outcome.ok) return { status: outcome.status, body: outcome.body };
    if (!outcome.retryable || retry >= maxRetries) throw outcome.error;
    await sleep(backoff(retry, outcome.retryAfterMs, options));
  }
}

type Outcome =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly error: TargetError; readonly retryable: boolean; readonly retryAfterMs?: number };

async function tryOnce(request: JsonRequest, options: TransportOptions): Promise<Outcome> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const where = `target ${request.target}`;
  let status: number;
  let text: string;
  let headers: Headers;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (options.fetch ?? httpFetch)(request.url, {
      method: request.method ?? "POST",
      headers: new Headers({ "content-type": "application/json", accept: "application/json", ...request.headers }),
      body: request.body,
      signal,
    });
    status = response.status;
    headers = response.headers;
    text = mask(await response.text(), request.secrets);
  } catch (error) {
    // Past the headers, the abort surfaces as a reset of the body: the signal tells them apart.
    const message = signal.aborted
      ? `${where}: no complete answer within ${timeoutMs} ms`
      : `${where}: the request failed (${mask(reasonOf(error), request.secrets)})`;
    return { ok: false, error: new TargetError("INPUT_INVALID", message), retryable: true };
  }
  const body = parse(text);
  if (status >= 200 && status < 300) {
    if (body === undefined) {
      return {
        ok: false,
        error: new TargetError("INPUT_INVALID", `${where}: the answer is not JSON`),
        retryable: false,
      };
    }
    return { ok: true, status, body };
  }
  const detail = errorDetail(body, text);
  const error = new TargetError(codeOf(status), `${where} answered HTTP ${status}${detail}`, status, body);
  return { ok: false, error, retryable: status === 429 || status >= 500, retryAfterMs: retryAfter(headers) };
}

/** The wait before retry number `retry` (0-based): the server's Retry-After, or 2^retry backoffs with jitter. */
export function backoff(retry: number, retryAfterMs: number | undefined, options: TransportOptions = {}): number {
  const max = options.maxBackoffMs ?? 30_000;
  if (retryAfterMs !== undefined) return Math.min(max, retryAfterMs);
  const base = (options.backoffMs ?? 500) * 2 ** retry;
  return Math.min(max, base * (0.5 + (options.random ?? Math.random)() / 2));
}

/** Retry-After in milliseconds: `retry-after-ms` (OpenAI), or `retry-after` as seconds or an HTTP date. */
export function retryAfter(headers: Headers): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (value.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Replaces each secret in `text` with `[redacted]`. */
export function mask(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(SECRET_MARK);
  return out;
}

function codeOf(status: number): ErrorCode {
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  return "INPUT_INVALID";
}

/** The server's own error message, short: `{error: {message}}` (OpenAI, Anthropic), `{error}`, `{message}`, or the text. */
function errorDetail(body: unknown, text: string): string {
  const record = (value: unknown) =>
    typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const error = record(body).error;
  const message = record(error).message ?? (typeof error === "string" ? error : record(body).message);
  const detail = typeof message === "string" ? message : text;
  const short = detail.replace(/\s+/g, " ").trim().slice(0, 300);
  return short === "" ? "" : `: ${short}`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** ECONNREFUSED, ECONNRESET, …: from the error or its cause; never a header. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return cause instanceof Error ? cause.message : String(cause);
}
