/** How long to wait between reconnection attempts. */
export interface RetrySettings {
  /** The first wait, in milliseconds; each failed attempt in a row doubles it. */
  readonly initialMs: number;
  /** The longest wait, in milliseconds. */
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { initialMs: 1_000, maxMs: 60_000 };

/** A Retry-After longer than this is taken as this: a typo on the server should not silence a guard for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * The wait before reconnection attempt `attempt` (0 for the first after a working connection):
 * exponential, capped at `maxMs`, with "equal jitter" (half fixed, half random) so that guards
 * cut off by the same outage do not all come back in the same instant, yet none retries at once.
 */
export function backoffMs(attempt: number, retry: RetrySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
