import type { Category } from "../../core/category.js";
import type { Action } from "../../core/verdict.js";

/** When a category's combined score reaches `threshold`, the verdict is at least `action`. */
export interface CategoryRule {
  readonly threshold: number;
  readonly action: Action;
}

/**
 * The trajectory layer: each screened turn's risk (0..1, on the policy's scale) is added to the
 * conversation's decayed total, `total = decay × total + risk`; when the total reaches
 * `threshold`, a `multi-turn-escalation` signal gives the verdict `action`.
 */
export interface TrajectorySettings {
  /** Share of the total kept from one turn to the next, 0 ≤ decay < 1: 1/(1 − decay) turns of memory. */
  readonly decay: number;
  /**
   * Total at which the conversation escalates. A turn whose risk is below threshold × (1 − decay)
   * can never be the one that crosses, so a harmless turn after a risky run does not trip it.
   */
  readonly threshold: number;
  readonly action: "flag" | "block";
  /** Conversations remembered at once; the least recently seen is forgotten first. */
  readonly maxConversations: number;
  /** A conversation not seen for this long is forgotten. */
  readonly ttlSeconds: number;
}

export interface Policy {
  /** Inputs longer than this (UTF-16 code units) are not scanned in full: they get a verdict of their own. */
  readonly maxInputChars: number;
  /** What to do with an input over `maxInputChars`. */
  readonly oversizedAction: Action;
  /**
   * Outputs longer than this are halted: a stream monitor keeps a bounded amount of state, and an
   * answer this long is a runaway generation.
   */
  readonly maxOutputChars: number;
  /** Detector ids that do not run. */
  readonly disabledDetectors: readonly string[];
  /** Rules for every category without rules of its own. */
  readonly defaultRules: readonly CategoryRule[];
  readonly categories: Readonly<Partial<Record<Category, readonly CategoryRule[]>>>;
  /**
   * Phrases (matched case-insensitively on the canonical text) that are known to be fine here:
   * a signal whose spans all lie inside an allow-listed phrase is dropped.
   */
  readonly allowList: readonly string[];
  readonly trajectory: TrajectorySettings;
}

export const DEFAULT_POLICY: Policy = {
  maxInputChars: 256 * 1024,
  oversizedAction: "block",
  maxOutputChars: 1024 * 1024,
  disabledDetectors: [],
  defaultRules: [
    { threshold: 0.5, action: "flag" },
    { threshold: 0.8, action: "block" },
  ],
  categories: {
    // An encoding or a look-alike letter is common in honest text, so obfuscation alone only flags;
    // a hidden channel (Unicode tags, variation-selector bytes) scores above 0.85 and blocks.
    obfuscation: [
      { threshold: 0.5, action: "flag" },
      { threshold: 0.85, action: "block" },
    ],
    // Output side: a key or token is masked wherever it appears; personal data is masked when it
    // is unambiguous (a card number that passes the Luhn check) and only flagged otherwise, since
    // answers quote public contact addresses all the time.
    "secret-exposure": [{ threshold: 0.5, action: "redact" }],
    "pii-exposure": [
      { threshold: 0.5, action: "flag" },
      { threshold: 0.9, action: "redact" },
    ],
  },
  allowList: [],
  // Measured on CoSafe, MT-Bench and held-out benign prompts strung into conversations (docs/guard.md,
  // Trajectory): the lowest threshold that blocks no MT-Bench or plain benign conversation allowed
  // before; conversations of borderline prompts rise a little.
  trajectory: { decay: 0.6, threshold: 1.1, action: "block", maxConversations: 10_000, ttlSeconds: 30 * 60 },
};

/** A partial policy over the default: categories and trajectory settings merge per key, lists replace. */
export type PolicyOverrides = Partial<Omit<Policy, "categories" | "trajectory">> & {
  readonly categories?: Policy["categories"];
  readonly trajectory?: Partial<TrajectorySettings>;
};

export function resolvePolicy(overrides: PolicyOverrides = {}): Policy {
  return {
    ...DEFAULT_POLICY,
    ...overrides,
    categories: { ...DEFAULT_POLICY.categories, ...overrides.categories },
    trajectory: { ...DEFAULT_POLICY.trajectory, ...overrides.trajectory },
  };
}
