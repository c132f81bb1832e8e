export * from "./core/index.js";
export { bundledModel } from "./guard/classifier/bundled.js";
export { CLASSIFIER_ID, type Classification, classifyViews, policyScore } from "./guard/classifier/classifier.js";
export { FeatureBuffer, type GroupCounts } from "./guard/classifier/features.js";
export { HEURISTIC_FEATURES } from "./guard/classifier/heuristic-features.js";
export {
  CLASSES,
  type ClassifierModel,
  type ClassName,
  decodeModel,
  type EncodedHead,
  type EncodedModel,
  type LinearHead,
  type OperatingPoints,
} from "./guard/classifier/model.js";
export { groupScale, headLogits, heuristicValues, softmax } from "./guard/classifier/score.js";
export type { Detector, ScanInput } from "./guard/detectors/detector.js";
export { DETECTORS, type DetectorId } from "./guard/detectors/registry.js";
export type { CheckOptions } from "./guard/guard.js";
export { createGuard, type Guard, type GuardOptions } from "./guard/guard.js";
export { type PlantedCanary, plantCanary } from "./guard/monitor/canary.js";
export { bundledOutputModel } from "./guard/monitor/harmful/bundled.js";
export { HARMFUL_OUTPUT_ID, harmfulOutput, startHarmfulScan } from "./guard/monitor/harmful/harmful-output.js";
export {
  ANSWER_FEATURES,
  decodeOutputModel,
  type EncodedOutputModel,
  extraFeatures,
  OUTPUT_CLASSES,
  type OutputClass,
  type OutputModel,
  type OutputOperatingPoints,
  REQUEST_FEATURES,
} from "./guard/monitor/harmful/output-model.js";
export { OutputScorer } from "./guard/monitor/harmful/output-scorer.js";
export { promptClassifierOf, promptHeadOf } from "./guard/monitor/harmful/prompt-head.js";
export { requestFeatures } from "./guard/monitor/harmful/request-features.js";
export { RunningHead } from "./guard/monitor/harmful/running-head.js";
export { StreamFeatures } from "./guard/monitor/harmful/stream-features.js";
export { StreamJudge } from "./guard/monitor/harmful/stream-judge.js";
export { REDACTION_MARK } from "./guard/monitor/monitor.js";
export type { OutputContext, OutputScan, OutputScanner } from "./guard/monitor/scanner.js";
export { canaryLeak } from "./guard/monitor/scanners/canary-leak.js";
export { pii } from "./guard/monitor/scanners/pii.js";
export { OUTPUT_SCANNERS } from "./guard/monitor/scanners/registry.js";
export { secrets } from "./guard/monitor/scanners/secrets.js";
export { systemPromptLeak } from "./guard/monitor/scanners/system-prompt-leak.js";
export type { MonitorRequest, MonitorVerdict, StreamMonitor } from "./guard/monitor/types.js";
export {
  type CategoryRule,
  DEFAULT_POLICY,
  type Policy,
  type PolicyOverrides,
  resolvePolicy,
  type TrajectorySettings,
} from "./guard/policy/policy.js";
export {
  decodeMinHash,
  encodeMinHash,
  MINHASH_BINS,
  minhash,
  SHINGLE_WORDS,
  similarity,
} from "./guard/signatures/minhash.js";
export { DEFAULT_THRESHOLD } from "./guard/signatures/read-set.js";
export { sha256Hex } from "./guard/signatures/sha256.js";
export { type LookupStats, SignatureIndex } from "./guard/signatures/signature-index.js";
export type { ExactSignature, FuzzySignature, Signature, SignatureSet } from "./guard/signatures/signature-set.js";
export { STARTER_SIGNATURES } from "./guard/signatures/starter-set.js";
export type { ConversationStats } from "./guard/trajectory/conversations.js";
export { TRAJECTORY_ID } from "./guard/trajectory/signal.js";
export { type Canonical, canonicalise } from "./guard/views/canonicalise.js";
export { toOriginalSpan, type View } from "./guard/views/view.js";
