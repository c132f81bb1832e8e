import type { Category } from "../../core/category.js";
import type { Action } from "../../core/verdict.js";

/** When a category's combined score reaches `threshold`, the verdict is at least `action`. */
export interface CategoryRule {
  readonly threshold: number;
  readonly action: Action;
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
};

/** A partial policy over the default: categories merge per key, lists replace. */
export type PolicyOverrides = Partial<Omit<Policy, "categories">> & {
  readonly categories?: Policy["categories"];
};

export function resolvePolicy(overrides: PolicyOverrides = {}): Policy {
  return {
    ...DEFAULT_POLICY,
    ...overrides,
    categories: { ...DEFAULT_POLICY.categories, ...overrides.categories },
  };
}
