import { setTimeout as sleep } from "node:timers/promises";
import { RampartError } from "@rampart/guard";
import type { RunStore } from "../store/run-store.js";

/** What to wait for. */
export interface WaitOptions {
  readonly store: RunStore;
  readonly run: string;
  /** The keys of every attempt the run must finish (`EnqueuedRun.keys`). */
  readonly expected: Iterable<string>;
  /** Give up after this long (default: never). */
  readonly timeoutMs?: number;
  /** Time between looks at the store (default 500 ms). */
  readonly intervalMs?: number;
  /** Called after each look with how many expected attempts are finished (a progress bar). */
  readonly onProgress?: (finished: number, expected: number) => void;
  /** Aborting it ends the wait with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** The workers had not finished a run in time; `missing` names the attempts not stored yet. */
export class RunIncompleteError extends RampartError {
  readonly missing: readonly string[];

  constructor(run: string, missing: readonly string[], timeoutMs: number) {
    super(
      "NOT_FOUND",
      `Run ${run}: ${missing.length} attempts are not finished after ${timeoutMs} ms (e.g. ${missing.slice(0, 3).join(", ")}). Are workers running (rampart redteam worker) on this database? Jobs that failed for good are sent again when the run is enqueued again.`,
    );
    this.name = "RunIncompleteError";
    this.missing = missing;
  }
}

/**
 * Waits until the store holds a result for every expected attempt of the run, by whichever workers
 * did them; the coordinator then scores and reports the run as a local one. Resolves with the
 * number finished; throws {@link RunIncompleteError} after `timeoutMs`.
 */
export async function waitForRun(options: WaitOptions): Promise<number> {
  const expected = new Set(options.expected);
  const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
  for (;;) {
    options.signal?.throwIfAborted();
    const finished = await options.store.finishedKeys(options.run);
    const missing = [...expected].filter((key) => !finished.has(key));
    options.onProgress?.(expected.size - missing.length, expected.size);
    if (missing.length === 0) return expected.size;
    if (Date.now() >= deadline) throw new RunIncompleteError(options.run, missing, options.timeoutMs ?? 0);
    await sleep(Math.min(options.intervalMs ?? 500, Math.max(0, deadline - Date.now())), undefined, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }
}
