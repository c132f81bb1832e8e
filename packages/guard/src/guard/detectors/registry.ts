import { adversarialSuffix } from "./adversarial-suffix.js";
import type { Detector } from "./detector.js";
import { fakeTemplateTokens } from "./fake-template-tokens.js";
import { hazardRequest } from "./hazard-request.js";
import { instructionOverride } from "./instruction-override.js";
import { manyShot } from "./many-shot.js";
import { payloadSplitting } from "./payload-splitting.js";
import { personaJailbreak } from "./persona-jailbreak.js";
import { prefixInjection } from "./prefix-injection.js";
import { refusalSuppression } from "./refusal-suppression.js";

/** Every heuristic detector, in the order they run. Add a detector here and nowhere else. */
export const DETECTORS = [
  instructionOverride,
  fakeTemplateTokens,
  personaJailbreak,
  refusalSuppression,
  prefixInjection,
  payloadSplitting,
  manyShot,
  adversarialSuffix,
  hazardRequest,
] as const satisfies readonly Detector[];

export type DetectorId = (typeof DETECTORS)[number]["id"];
