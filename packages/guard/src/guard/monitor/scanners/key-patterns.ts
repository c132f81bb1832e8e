import { looksRandom } from "./entropy.js";
import { isJwtHeader } from "./jwt.js";

/** One kind of credential with a recognisable shape. */
interface KeyPattern {
  /** What it is, for the reason: never the key itself. */
  readonly name: string;
  /** Global; group 1 is the part that must look generated (or, for a JWT, the header). */
  readonly pattern: RegExp;
  readonly score: number;
  readonly valid: (part: string) => boolean;
}

/**
 * Vendor prefixes and lengths as the vendors document them. The random part must look random, so
 * `sk-your-key-here` and `AKIAIOSFODNN7EXAMPLE` (AWS's documentation key) are not secrets.
 */
const KEY_PATTERNS: readonly KeyPattern[] = [
  {
    name: "an Anthropic API key",
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{2,8}\d{2}-([A-Za-z0-9_-]{32,200})(?![A-Za-z0-9_-])/g,
    score: 0.97,
    valid: looksRandom,
  },
  {
    name: "an OpenAI API key",
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-([A-Za-z0-9_-]{32,200})(?![A-Za-z0-9_-])/g,
    score: 0.95,
    valid: looksRandom,
  },
  {
    name: "an OpenAI API key",
    pattern: /(?<![A-Za-z0-9_-])sk-([A-Za-z0-9]{32,64})(?![A-Za-z0-9_-])/g,
    score: 0.93,
    valid: looksRandom,
  },
  {
    name: "an AWS access key id",
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)([A-Z0-9]{16})(?![A-Za-z0-9])/g,
    score: 0.95,
    valid: looksRandom,
  },
  {
    name: "a GitHub token",
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_([A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/g,
    score: 0.97,
    valid: looksRandom,
  },
  {
    name: "a GitHub token",
    pattern: /(?<![A-Za-z0-9_])github_pat_([A-Za-z0-9_]{60,251})(?![A-Za-z0-9_])/g,
    score: 0.97,
    valid: looksRandom,
  },
  {
    name: "a Slack token",
    pattern: /(?<![A-Za-z0-9_-])xox[abposr]-(\d{4,}-[A-Za-z0-9-]{8,250})(?![A-Za-z0-9_-])/g,
    score: 0.95,
    valid: looksRandom,
  },
  {
    name: "a Google API key",
    pattern: /(?<![A-Za-z0-9_-])AIza([0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
    score: 0.95,
    valid: looksRandom,
  },
  {
    name: "a Stripe live key",
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_([0-9A-Za-z]{20,247})(?![A-Za-z0-9_])/g,
    score: 0.97,
    valid: looksRandom,
  },
  {
    name: "a JSON Web Token",
    pattern: /(?<![A-Za-z0-9_.-])(eyJ[A-Za-z0-9_-]{5,})\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])/g,
    score: 0.9,
    valid: isJwtHeader,
  },
];

export interface KeyMatch {
  readonly name: string;
  readonly score: number;
  readonly start: number;
  readonly end: number;
}

/** The shortest key any pattern accepts (an AWS key id). */
export const MIN_KEY_LENGTH = 20;

/** Well-formed keys in a token run, as offsets into it; the first pattern to claim characters keeps them. */
export function keysIn(run: string): KeyMatch[] {
  const found: KeyMatch[] = [];
  for (const { name, pattern, score, valid } of KEY_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(run); m !== null; m = pattern.exec(run)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!valid(m[1]!) || found.some((k) => k.start < end && start < k.end)) continue;
      found.push({ name, score, start, end });
    }
  }
  return found;
}
