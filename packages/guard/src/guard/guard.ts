import type { Message } from "../core/message.js";
import type { Signal } from "../core/signal.js";
import type { Verdict } from "../core/verdict.js";
import { applyAllowList } from "./allow-list.js";
import { bundledModel } from "./classifier/bundled.js";
import { CLASSIFIER_ID, classifierSignal } from "./classifier/classifier.js";
import type { ClassifierModel } from "./classifier/model.js";
import { decide } from "./combine.js";
import type { Detector, ScanInput } from "./detectors/detector.js";
import { DETECTORS } from "./detectors/registry.js";
import { WordIndex } from "./detectors/word-index.js";
import { startMonitor } from "./monitor/monitor.js";
import { OUTPUT_SCANNERS } from "./monitor/scanners/registry.js";
import type { MonitorRequest, StreamMonitor } from "./monitor/types.js";
import { type Policy, type PolicyOverrides, resolvePolicy } from "./policy/policy.js";
import { SignatureIndex } from "./signatures/signature-index.js";
import type { SignatureSet } from "./signatures/signature-set.js";
import { STARTER_SIGNATURES } from "./signatures/starter-set.js";
import { canonicalise } from "./views/canonicalise.js";

declare const performance: { now(): number };

export interface Guard {
  readonly policy: Policy;
  /**
   * Synchronous, no I/O. A conversation is screened message by message: user and tool turns only,
   * since system prompts come from the application and assistant turns from the model.
   */
  check(input: string | readonly Message[]): Verdict;
  /** Starts watching one model output as it streams (see `StreamMonitor`). */
  monitor(request: MonitorRequest): StreamMonitor;
  /** Replaces the signature set atomically: checks already running finish with the old one. */
  updateSignatures(set: SignatureSet): void;
  readonly signatureCount: number;
}

export interface GuardOptions {
  /** Signatures to start with; the built-in starter set when omitted. */
  readonly signatures?: SignatureSet;
  /** The learned layer: the committed model when omitted, none with null. */
  readonly classifier?: ClassifierModel | null;
}

export function createGuard(overrides: PolicyOverrides = {}, options: GuardOptions = {}): Guard {
  const policy = resolvePolicy(overrides);
  const detectors: readonly Detector[] = DETECTORS.filter((d: Detector) => !policy.disabledDetectors.includes(d.id));
  let signatures = SignatureIndex.from(options.signatures ?? STARTER_SIGNATURES);
  const classifier = policy.disabledDetectors.includes(CLASSIFIER_ID)
    ? null
    : options.classifier === undefined
      ? bundledModel()
      : options.classifier;

  const outputScanners = OUTPUT_SCANNERS.filter((s) => !policy.disabledDetectors.includes(s.id));

  function scanText(text: string, message: number | undefined): Signal[] {
    const found =
      text.length > policy.maxInputChars
        ? [oversized(text, policy.maxInputChars)]
        : screen(text, { detectors, signatures, classifier, policy });
    const kept = applyAllowList(found, text, policy.allowList);
    return message === undefined ? kept : kept.map((s) => withMessage(s, message));
  }

  return {
    policy,
    get signatureCount() {
      return signatures.size;
    },
    check(input) {
      const started = performance.now();
      const signals: Signal[] = [];
      if (typeof input === "string") {
        signals.push(...scanText(input, undefined));
      } else {
        input.forEach((message, index) => {
          if (message.role === "user" || message.role === "tool") signals.push(...scanText(message.content, index));
        });
      }
      const decision = decide(signals, policy);
      const micros = Math.round((performance.now() - started) * 1000);
      return { ...decision, signals, micros };
    },
    monitor(request) {
      return startMonitor(request, outputScanners, policy);
    },
    updateSignatures(set) {
      signatures = SignatureIndex.from(set);
    },
  };
}

interface Layers {
  readonly detectors: readonly Detector[];
  readonly signatures: SignatureIndex;
  readonly classifier: ClassifierModel | null;
  readonly policy: Policy;
}

function screen(text: string, layers: Layers): Signal[] {
  const canonical = canonicalise(text);
  const input: ScanInput = { original: text, views: canonical.views, words: new WordIndex() };
  const signals = [...canonical.signals, ...layers.signatures.match(input)];
  for (const detector of layers.detectors) signals.push(...detector.detect(input));
  // The classifier reads the heuristics' findings as features, so it runs last.
  if (layers.classifier !== null) {
    const learned = classifierSignal(layers.classifier, canonical.views, signals, layers.policy);
    if (learned !== null) signals.push(learned);
  }
  return signals;
}

function oversized(text: string, limit: number): Signal {
  return {
    detector: "input-size",
    category: "oversized-input",
    score: 1,
    spans: [{ start: limit, end: text.length }],
    reason: `input is ${text.length} characters, over the policy limit of ${limit}; it was not scanned`,
  };
}

function withMessage(signal: Signal, message: number): Signal {
  return { ...signal, spans: signal.spans.map((span) => ({ ...span, message })) };
}
