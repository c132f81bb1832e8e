import { setTimeout as sleep } from "node:timers/promises";
import { type Guard, type SignatureSet, STARTER_SIGNATURES } from "@rampart/guard";
import { createParser } from "eventsource-parser";
import { backoffMs, DEFAULT_RETRY, type RetrySettings, retryAfterMs } from "./backoff.js";
import { type FeedMessage, readFeedMessage } from "./feed-message.js";
import { SignatureBook } from "./signature-book.js";

/** What a follower reports as it goes. */
export type FollowEvent =
  /** A feed connection is open; the server replays everything after `after`. */
  | { readonly type: "connected"; readonly after: number }
  /** The replay is over (the first time, `ready` resolves); `seq` is the server's cursor. */
  | { readonly type: "caught-up"; readonly seq: number }
  /** An advisory changed the guard's signatures, which are already in force: `signatures` is its live count. */
  | { readonly type: "applied"; readonly id: string; readonly seq: number; readonly signatures: number }
  /** Something went wrong: with `retryInMs` the follower reconnects after that long, without it it has given up. */
  | { readonly type: "error"; readonly status?: number; readonly message: string; readonly retryInMs?: number }
  /** The follower is done: stopped, aborted, or refused by the server. Always the last event. */
  | { readonly type: "stopped" };

export interface FollowOptions {
  /** The exchange's base URL; the feed is `${url}/exchange/v1/feed`. */
  readonly url: string;
  readonly apiKey: string;
  /** Receives every change at once, through `updateSignatures`. */
  readonly guard: Guard;
  /** Signatures kept beside the exchange's (the guard's own set); the starter set when omitted. */
  readonly base?: SignatureSet;
  readonly fetch?: typeof fetch;
  /** Aborting it stops the follower, like `stop()`. */
  readonly signal?: AbortSignal;
  /** Called synchronously; an exception from it is ignored rather than allowed to stop the feed. */
  readonly onEvent?: (event: FollowEvent) => void;
  readonly retry?: Partial<RetrySettings>;
  /** A connection silent this long (no event, no ping) is taken as dead; 45 s = three missed pings. */
  readonly idleMs?: number;
}

export interface FollowStats {
  /** Valid advisory events received, whether or not they changed anything. */
  readonly events: number;
  /** Advisories whose signatures are live. */
  readonly advisories: number;
  /** Live exchange signatures (the base set not included). */
  readonly signatures: number;
  /** Connection attempts after the first. */
  readonly reconnects: number;
}

export interface Follower {
  /** Resolves once the first replay caught up (and the guard holds it); rejects if the follower ends before. */
  readonly ready: Promise<void>;
  /** The feed cursor: the last seq received, which a reconnection resumes after. */
  lastSeq(): number;
  stats(): FollowStats;
  /** Closes the connection and cancels any wait; resolves when nothing is left running. */
  stop(): Promise<void>;
}

export const DEFAULT_IDLE_MS = 45_000;
const MIN_SERVER_RETRY_MS = 100;

/** How one connection ended. */
interface Ended {
  readonly fatal: boolean;
  readonly message: string;
  readonly status?: number;
  /** The server's Retry-After, when it sent one. */
  readonly waitMs?: number;
}

/**
 * Follows the exchange's feed of advisories and keeps `guard`'s signatures current: the base set
 * plus every live exchange signature, swapped in as each change arrives (events that arrive in one
 * network read are applied together, never held back waiting for more). Reconnects with backoff,
 * resuming after the last seq; gives up only on a 4xx that retrying cannot fix (a bad key: 401).
 */
export function followExchange(options: FollowOptions): Follower {
  const feedUrl = `${options.url.replace(/\/+$/, "")}/exchange/v1/feed`;
  const fetchFeed = options.fetch ?? fetch;
  const base = options.base ?? STARTER_SIGNATURES;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  // Mutable: the server may set the first wait with the SSE `retry:` field.
  const retry = {
    initialMs: options.retry?.initialMs ?? DEFAULT_RETRY.initialMs,
    maxMs: options.retry?.maxMs ?? DEFAULT_RETRY.maxMs,
  };
  const book = new SignatureBook();
  const stopping = new AbortController();
  let cursor = 0;
  let events = 0;
  let reconnects = 0;
  let caughtUp = false;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A caller that never awaits `ready` must not get an unhandled rejection when the follower stops.
  ready.catch(() => {});

  const emit = (event: FollowEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's bug must not cost the guard its updates.
    }
  };
  const onAbort = (): void => stopping.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) stopping.abort();

  /** Opens one connection and reads it to its end; true when it delivered at least one event. */
  async function connect(): Promise<Ended & { productive: boolean }> {
    const connection = new AbortController();
    const stop = (): void => connection.abort();
    stopping.signal.addEventListener("abort", stop, { once: true });
    // Also covers a server that accepts the connection but never answers.
    const idle = setTimeout(() => connection.abort(), idleMs);
    let productive = false;
    try {
      const headers: Record<string, string> = {
        accept: "text/event-stream",
        authorization: `Bearer ${options.apiKey}`,
      };
      if (cursor > 0) headers["last-event-id"] = String(cursor);
      const response = await fetchFeed(feedUrl, { headers, signal: connection.signal });
      if (!response.ok) return { ...(await refused(response)), productive };
      const type = response.headers.get("content-type") ?? "";
      if (response.body === null || !type.startsWith("text/event-stream")) {
        await response.body?.cancel().catch(() => {});
        return { fatal: false, message: `expected text/event-stream, got "${type}"`, productive };
      }
      emit({ type: "connected", after: cursor });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const batch: FeedMessage[] = [];
      const parser = createParser({
        onEvent: (message) => batch.push(readFeedMessage(message, book)),
        // The server's `retry:` sets the first wait; a floor keeps `retry: 0` from making a tight loop.
        onRetry: (ms) => {
          retry.initialMs = Math.min(Math.max(ms, MIN_SERVER_RETRY_MS), retry.maxMs);
        },
      });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        idle.refresh();
        parser.feed(decoder.decode(value, { stream: true }));
        if (batch.length > 0) productive = true;
        apply(batch.splice(0));
      }
      return { fatal: false, message: "the feed closed", productive };
    } catch (error) {
      const message = stopping.signal.aborted
        ? "stopped"
        : connection.signal.aborted
          ? `silent for ${idleMs} ms`
          : describe(error);
      return { fatal: false, message, productive };
    } finally {
      clearTimeout(idle);
      stopping.signal.removeEventListener("abort", stop);
      // Whatever happened, the socket goes: a half-read body would otherwise stay open.
      connection.abort();
    }
  }

  /** One read's events: the book already holds them; the guard gets one new set, then they are reported. */
  function apply(batch: readonly FeedMessage[]): void {
    if (batch.length === 0) return;
    let changed = false;
    for (const m of batch) {
      if (m.kind === "advisory") events++;
      if (m.kind === "advisory" || m.kind === "caught-up" || (m.kind === "malformed" && m.seq !== undefined)) {
        cursor = Math.max(cursor, m.seq ?? cursor);
      }
      if (m.kind === "advisory" && m.changed) changed = true;
    }
    if (changed) {
      try {
        options.guard.updateSignatures(book.set(base));
      } catch (error) {
        emit({ type: "error", message: `the guard refused the new signatures: ${describe(error)}` });
      }
    }
    for (const m of batch) {
      if (m.kind === "advisory" && m.changed) emit({ type: "applied", id: m.id, seq: m.seq, signatures: m.signatures });
      else if (m.kind === "malformed") emit({ type: "error", message: m.message });
      else if (m.kind === "caught-up") {
        emit({ type: "caught-up", seq: m.seq });
        if (!caughtUp) {
          caughtUp = true;
          settle?.resolve();
        }
      }
    }
  }

  async function run(): Promise<void> {
    let attempt = 0;
    for (let first = true; !stopping.signal.aborted; first = false) {
      if (!first) reconnects++;
      const ended = await connect();
      if (stopping.signal.aborted) break;
      const status = ended.status === undefined ? {} : { status: ended.status };
      if (ended.fatal) {
        emit({ type: "error", ...status, message: ended.message });
        break;
      }
      if (ended.productive) attempt = 0;
      const retryInMs = ended.waitMs ?? backoffMs(attempt, retry);
      attempt++;
      emit({ type: "error", ...status, message: ended.message, retryInMs });
      try {
        await sleep(retryInMs, undefined, { signal: stopping.signal });
      } catch {
        break;
      }
    }
  }

  const done = run().finally(() => {
    options.signal?.removeEventListener("abort", onAbort);
    if (!caughtUp) settle?.reject(new Error("the exchange follower ended before the feed caught up"));
    emit({ type: "stopped" });
  });

  return {
    ready,
    lastSeq: () => cursor,
    stats: () => ({ events, advisories: book.advisories, signatures: book.size, reconnects }),
    async stop() {
      stopping.abort();
      await done;
    },
  };
}

/** A non-2xx answer: 4xx other than 408/425/429 will not get better by retrying (401 is a bad key). */
async function refused(response: Response): Promise<Ended> {
  const status = response.status;
  const body = (await response.text().catch(() => "")).slice(0, 200).trim();
  const message = `the feed answered ${status}${body === "" ? "" : `: ${body}`}`;
  const retryable = status >= 500 || status === 408 || status === 425 || status === 429 || status < 400;
  const waitMs = retryAfterMs(response.headers.get("retry-after"));
  return { fatal: !retryable, message, status, ...(waitMs === undefined ? {} : { waitMs }) };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch reports network failures as "fetch failed" with the reason in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
