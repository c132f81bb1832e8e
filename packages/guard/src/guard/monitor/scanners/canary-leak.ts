import type { Signal } from "../../../core/signal.js";
import { confusableTarget } from "../../views/confusables.js";
import type { OutputScan, OutputScanner } from "../scanner.js";
import { finding } from "./finding.js";

const ID = "canary-leak";

/**
 * How many characters may stand between two characters of the canary, for markup, spaces or
 * punctuation the model put in (`3 f 2 a`, `**3f**2a`); a wider gap starts the match over.
 */
const MAX_GAP = 16;

/** The lowercase ASCII letter or digit a character reads as, or -1 for one that does not count. */
function fold(code: number): number {
  if (code >= 48 && code <= 57) return code;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 122 && code < 128) return lower;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10 + 48;
  if (code >= 0xff21 && code <= 0xff3a) return code - 0xff21 + 97;
  if (code >= 0xff41 && code <= 0xff5a) return code - 0xff41 + 97;
  if (code < 128 || code >= 0xd800) return -1;
  const target = confusableTarget(code);
  return target === 0 ? -1 : target | 0x20;
}

/**
 * What is compared: the canary's random part (`rampart-canary-<hex>` → the hex), folded like the
 * output. Sixteen random hex digits never turn up by chance, and the prefix alone is no leak.
 */
function foldedCanary(canary: string): number[] {
  const random = /^rampart-canary-([0-9a-f]+)$/i.exec(canary)?.[1] ?? canary;
  const out: number[] = [];
  for (let i = 0; i < random.length; i++) {
    const code = fold(random.charCodeAt(i));
    if (code >= 0) out.push(code);
  }
  return out;
}

/** Knuth–Morris–Pratt failure links: where a partial match falls back to on a mismatch. */
function failureLinks(pattern: readonly number[]): Int32Array {
  const links = new Int32Array(pattern.length);
  for (let i = 1, k = 0; i < pattern.length; i++) {
    while (k > 0 && pattern[i] !== pattern[k]) k = links[k - 1]!;
    if (pattern[i] === pattern[k]) k++;
    links[i] = k;
  }
  return links;
}

/**
 * The planted canary (see `plantCanary`) in the output: proof the system prompt leaked. Compared on
 * lowercase letters and digits only, character by character, so spacing it out, changing its case,
 * wrapping it in markdown or writing it in full-width or look-alike letters does not hide it.
 */
export const canaryLeak: OutputScanner = {
  id: ID,
  start(context) {
    const pattern = context.canary === undefined ? [] : foldedCanary(context.canary);
    if (pattern.length === 0) return NO_CANARY;
    const links = failureLinks(pattern);
    /** Where each of the last `pattern.length` counted characters is in the whole output. */
    const positions = new Float64Array(pattern.length);
    let matched = 0;
    let counted = 0;
    let lastAt = -1;
    let length = 0;
    let reported = false;

    return {
      push(text, offset) {
        length = offset + text.length;
        if (reported) return [];
        const found: Signal[] = [];
        for (let i = 0; i < text.length; i++) {
          const code = fold(text.charCodeAt(i));
          if (code < 0) continue;
          const at = offset + i;
          if (matched > 0 && at - lastAt - 1 > MAX_GAP) matched = 0;
          while (matched > 0 && code !== pattern[matched]) matched = links[matched - 1]!;
          if (code === pattern[matched]) matched++;
          positions[counted++ % pattern.length] = at;
          lastAt = at;
          if (matched === pattern.length) {
            const start = positions[(counted - pattern.length) % pattern.length]!;
            found.push(finding(ID, "system-prompt-leak", 1, start, at + 1, "the canary planted in the system prompt"));
            reported = true;
            break;
          }
        }
        return found;
      },
      pending() {
        if (reported || matched === 0 || length - 1 - lastAt > MAX_GAP) return 0;
        return length - positions[(counted - matched) % pattern.length]!;
      },
      end() {
        return [];
      },
    };
  },
};

const NO_CANARY: OutputScan = {
  push: () => [],
  pending: () => 0,
  end: () => [],
};
