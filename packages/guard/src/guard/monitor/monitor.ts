import type { Category } from "../../core/category.js";
import type { Signal, Span } from "../../core/signal.js";
import { ACTION_RANK, type Action } from "../../core/verdict.js";
import { decide } from "../combine.js";
import type { Policy } from "../policy/policy.js";
import type { OutputScan, OutputScanner } from "./scanner.js";
import type { MonitorRequest, MonitorVerdict, StreamMonitor } from "./types.js";

declare const performance: { now(): number };

/** How many findings of one detector a verdict lists: enough to explain, bounded for a long stream. */
const SIGNALS_PER_DETECTOR = 16;

/**
 * Runs the output scanners over a stream, piece by piece. On the output side `block` means
 * `halt` (the request was already sent; what can be stopped is the rest of the answer), and a
 * `redact` finding is masked before its text is released.
 */
export function startMonitor(
  request: MonitorRequest,
  scanners: readonly OutputScanner[],
  policy: Policy,
): StreamMonitor {
  const context = { messages: request.messages, canary: request.canary, inputVerdict: request.inputVerdict, policy };
  const scans: OutputScan[] = scanners.map((s) => s.start(context));
  const signals: Signal[] = [];
  const kept = new Map<string, number>();
  let redactions: Span[] = [];
  let length = 0;
  /** Output not yet released to the client: it starts at `released`. */
  let unreleased = "";
  let released = 0;
  let halted = false;
  /** Whether any finding was masked: a verdict says `redact` only when something was. */
  let redacted = false;
  let last: MonitorVerdict | null = null;

  function record(found: readonly Signal[]): void {
    for (const signal of found) {
      if (redacts(signal, policy)) {
        redactions.push(...signal.spans);
        redacted = true;
      }
      const count = kept.get(signal.detector) ?? 0;
      if (count < SIGNALS_PER_DETECTOR) signals.push(signal);
      kept.set(signal.detector, count + 1);
    }
  }

  function verdict(started: number, settled: boolean): MonitorVerdict {
    const decision = decide(signals, policy);
    const action = outputAction(decision.action, redacted);
    let emit = "";
    if (action === "halt") {
      halted = true;
      unreleased = "";
    } else {
      const holdBack = settled ? 0 : Math.max(0, ...scans.map((s) => s.pending()));
      let until = Math.max(released, length - holdBack);
      // Never end an emit between the halves of a surrogate pair: a client that encodes each emit
      // to UTF-8 on its own would print two replacement characters.
      if (until > released && until < length && isHighSurrogate(unreleased.charCodeAt(until - released - 1))) until--;
      emit = masked(unreleased.slice(0, until - released), released, redactions);
      unreleased = unreleased.slice(until - released);
      released = until;
      redactions = redactions.filter((span) => span.end > released);
    }
    const micros = Math.round((performance.now() - started) * 1000);
    last = {
      action,
      risk: decision.risk,
      categories: decision.categories as Category[],
      signals: [...signals],
      micros,
      emit,
    };
    return last;
  }

  function haltedVerdict(started: number): MonitorVerdict {
    const previous = last as MonitorVerdict;
    return { ...previous, emit: "", micros: Math.round((performance.now() - started) * 1000) };
  }

  return {
    get halted() {
      return halted;
    },
    get length() {
      return length;
    },
    push(chunk) {
      const started = performance.now();
      if (halted) return haltedVerdict(started);
      const offset = length;
      length += chunk.length;
      unreleased += chunk;
      if (length > policy.maxOutputChars) {
        record([oversizedOutput(length, policy.maxOutputChars)]);
      } else {
        for (const scan of scans) record(scan.push(chunk, offset));
      }
      return verdict(started, false);
    },
    end() {
      const started = performance.now();
      if (halted) return haltedVerdict(started);
      for (const scan of scans) record(scan.end());
      return verdict(started, true);
    },
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Findings of one category add up (three flagged email addresses reach the `redact` score), but
 * only a finding that passes a redact rule by itself is masked: without one, the verdict flags.
 */
function outputAction(action: Action, redacted: boolean): Action {
  if (ACTION_RANK[action] >= ACTION_RANK.block) return "halt";
  return action === "redact" && !redacted ? "flag" : action;
}

function redacts(signal: Signal, policy: Policy): boolean {
  const rules = policy.categories[signal.category] ?? policy.defaultRules;
  return rules.some((rule) => rule.action === "redact" && signal.score >= rule.threshold);
}

/** What stands in the stream where a redacted finding was. */
export const REDACTION_MARK = "[REDACTED]";

/**
 * Replaces each redacted span (whole-output coordinates) inside `text`, which starts at `offset`:
 * one mark where the span starts, nothing for the rest of it, even when it runs past this text.
 */
function masked(text: string, offset: number, spans: readonly Span[]): string {
  if (spans.length === 0 || text.length === 0) return text;
  const inside = spans
    .filter((s) => s.end > offset && s.start < offset + text.length)
    .map((s) => ({ start: s.start - offset, end: Math.min(s.end, offset + text.length) - offset }))
    .sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const span of inside) {
    if (span.end <= at) continue;
    if (span.start >= at) out += `${text.slice(at, span.start)}${REDACTION_MARK}`;
    at = span.end;
  }
  return out + text.slice(at);
}

function oversizedOutput(length: number, limit: number): Signal {
  return {
    detector: "output-size",
    category: "oversized-input",
    score: 1,
    spans: [{ start: limit, end: length }],
    reason: `the output passed the policy limit of ${limit} characters`,
  };
}
