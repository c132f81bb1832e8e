import type { Message } from "../core/message.js";
import type { Signal } from "../core/signal.js";
import { ACTION_RANK, type Verdict } from "../core/verdict.js";
import { applyAllowList } from "./allow-list.js";
import { bundledModel } from "./classifier/bundled.js";
import { CLASSIFIER_ID, classifierSignal, classifyViews, policyScore } from "./classifier/classifier.js";
import type { ClassifierModel } from "./classifier/model.js";
import { heuristicValues } from "./classifier/score.js";
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
import {
  type ConversationStats,
  Conversations,
  inMessage,
  type Pass,
  type ScreenedTurn,
  type Turn,
} from "./trajectory/conversations.js";
import { TRAJECTORY_ID } from "./trajectory/signal.js";
import { turnRisk } from "./trajectory/turn-risk.js";
import { canonicalise } from "./views/canonicalise.js";

declare const performance: { now(): number };

export interface CheckOptions {
  /**
   * The conversation the input belongs to (the proxy passes its `x-rampart-conversation` header).
   * With it a request may carry only the new turns; without it a conversation is recognised by its
   * turns, so each request must carry the whole history.
   */
  readonly conversation?: string;
}

export interface Guard {
  readonly policy: Policy;
  /**
   * Synchronous, no I/O. A conversation is screened message by message: user and tool turns only,
   * since system prompts come from the application and assistant turns from the model. Its turns'
   * risk also accumulates across requests (the trajectory layer), so a conversation is remembered:
   * a turn seen in an earlier request is not scanned again.
   */
  check(input: string | readonly Message[], options?: CheckOptions): Verdict;
  /** Starts watching one model output as it streams (see `StreamMonitor`). */
  monitor(request: MonitorRequest): StreamMonitor;
  /** Replaces the signature set atomically: checks already running finish with the old one. */
  updateSignatures(set: SignatureSet): void;
  readonly signatureCount: number;
  /** The trajectory layer's memory of conversations (all zero when the layer is disabled). */
  readonly conversations: ConversationStats;
}

export interface GuardOptions {
  /** Signatures to start with; the built-in starter set when omitted. */
  readonly signatures?: SignatureSet;
  /** The learned layer: the committed model when omitted, none with null. */
  readonly classifier?: ClassifierModel | null;
  /** Clock in milliseconds, for forgetting idle conversations; `Date.now` when omitted. */
  readonly now?: () => number;
}

const NO_CONVERSATIONS: ConversationStats = { stored: 0, scannedTurns: 0, reusedTurns: 0, evicted: 0, expired: 0 };

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
  const conversations = policy.disabledDetectors.includes(TRAJECTORY_ID)
    ? null
    : new Conversations(
        policy.trajectory,
        policy.categories["multi-turn-escalation"] ?? policy.defaultRules,
        options.now ?? Date.now,
      );
  // Findings remembered from an earlier set are stale after an update.
  let generation = 0;

  function scanText(text: string, withRisk: boolean): ScreenedTurn {
    if (text.length > policy.maxInputChars) return { signals: [oversized(text, policy.maxInputChars)], risk: 0 };
    const screened = screen(text, { detectors, signatures, classifier, policy }, withRisk);
    const signals = applyAllowList(screened.signals, text, policy.allowList);
    return { signals, risk: withRisk ? turnRisk(signals, screened.learned) : 0 };
  }

  function screenTurns(input: string | readonly Message[], options: CheckOptions): Pass {
    const turns = turnsOf(input);
    if (conversations === null || (typeof input === "string" && options.conversation === undefined)) {
      const signals = turns.flatMap((turn) =>
        scanText(turn.content, false).signals.map((s) => inMessage(s, turn.message)),
      );
      return { signals, commit: () => {} };
    }
    return conversations.screen(turns, options.conversation, generation, (turn) => scanText(turn.content, true));
  }

  return {
    policy,
    get signatureCount() {
      return signatures.size;
    },
    get conversations() {
      return conversations?.stats ?? NO_CONVERSATIONS;
    },
    check(input, options = {}) {
      const started = performance.now();
      const { signals, commit } = screenTurns(input, options);
      const decision = decide(signals, policy);
      // A blocked turn does not reach the model, so it does not become part of the conversation.
      if (ACTION_RANK[decision.action] < ACTION_RANK.block) commit();
      const micros = Math.round((performance.now() - started) * 1000);
      return { ...decision, signals, micros };
    },
    monitor(request) {
      return startMonitor(request, outputScanners, policy);
    },
    updateSignatures(set) {
      signatures = SignatureIndex.from(set);
      generation++;
    },
  };
}

/** The screened turns: user and tool messages, or the whole input when it is a string. */
function turnsOf(input: string | readonly Message[]): Turn[] {
  if (typeof input === "string") return [{ role: "user", content: input, message: undefined }];
  const turns: Turn[] = [];
  input.forEach((message, index) => {
    if (message.role === "user" || message.role === "tool") turns.push({ ...message, message: index });
  });
  return turns;
}

interface Layers {
  readonly detectors: readonly Detector[];
  readonly signatures: SignatureIndex;
  readonly classifier: ClassifierModel | null;
  readonly policy: Policy;
}

interface Screened {
  readonly signals: Signal[];
  /** The classifier's attack probability on the policy's scale when it stays below its flag point, else 0. */
  readonly learned: number;
}

function screen(text: string, layers: Layers, withRisk: boolean): Screened {
  const canonical = canonicalise(text);
  const input: ScanInput = { original: text, views: canonical.views, words: new WordIndex() };
  const signals = [...canonical.signals, ...layers.signatures.match(input)];
  for (const detector of layers.detectors) signals.push(...detector.detect(input));
  // The classifier reads the heuristics' findings as features, so it runs last.
  const model = layers.classifier;
  if (model === null) return { signals, learned: 0 };
  const heuristics = heuristicValues(model.heuristics, signals);
  const found = classifyViews(model, canonical.views, heuristics);
  const learnedSignal = classifierSignal(model, found, heuristics, signals, layers.policy);
  if (learnedSignal !== null) {
    signals.push(learnedSignal);
    return { signals, learned: 0 };
  }
  // Below its flag point the classifier emits nothing, but the trajectory still wants its opinion.
  const attack = found?.attack ?? 0;
  return { signals, learned: withRisk ? policyScore(attack, model.operatingPoints, layers.policy.defaultRules) : 0 };
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
