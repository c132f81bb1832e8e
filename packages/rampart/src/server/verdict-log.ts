import { open } from "node:fs/promises";
import type { Writable } from "node:stream";
import { RampartError, type Verdict } from "@rampart/guard";

/**
 * One line of the verdict log. Built field by field from the verdict, never from the request: the
 * log must not hold an API key, a header, or the text that was screened.
 */
export interface VerdictRecord {
  /** The request's id, the one its response carries in `x-rampart-verdict`. */
  readonly id: string;
  readonly time: string;
  readonly route: string;
  /** `input`: the check before forwarding; `output`: the stream monitor's strongest verdict on the answer. */
  readonly stage: "input" | "output";
  readonly action: Verdict["action"];
  readonly risk: number;
  readonly categories: readonly string[];
  readonly signals: readonly { readonly detector: string; readonly category: string; readonly reason: string }[];
  readonly micros: number;
}

export function verdictRecord(
  id: string,
  route: string,
  stage: VerdictRecord["stage"],
  verdict: Verdict,
): VerdictRecord {
  return {
    id,
    time: new Date().toISOString(),
    route,
    stage,
    action: verdict.action,
    risk: verdict.risk,
    categories: verdict.categories,
    signals: verdict.signals.map((s) => ({ detector: s.detector, category: s.category, reason: s.reason })),
    micros: verdict.micros,
  };
}

/** Where verdicts go; the proxy runs without one when no log was asked for. */
export interface VerdictSink {
  write(record: VerdictRecord): void;
  close(): Promise<void>;
}

/**
 * Appends verdicts as JSON lines. The file is opened before the proxy starts, so a path that
 * cannot be written stops start-up; a write that fails later goes to `onError`, and the proxy
 * keeps serving.
 */
export async function openVerdictLog(path: string, onError: (error: Error) => void): Promise<VerdictSink> {
  let stream: Writable;
  try {
    stream = (await open(path, "a")).createWriteStream();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("INPUT_INVALID", `${path}: cannot open the verdict log: ${reason}`, { cause: error });
  }
  stream.on("error", onError);
  return {
    write(record) {
      stream.write(`${JSON.stringify(record)}\n`);
    },
    close() {
      return new Promise((resolve) => stream.end(resolve));
    },
  };
}
