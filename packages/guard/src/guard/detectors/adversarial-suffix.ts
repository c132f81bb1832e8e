import { excerpt } from "../views/findings.js";
import { defineDetector } from "./detector.js";

/*
 * Optimised adversarial suffixes (GCG, Zou et al. 2023, and its descendants) are token soup
 * appended to a plain request: sub-word fragments, stray brackets, symbols glued to letters,
 * scripts mixed inside one word. The statistic is the share of such odd tokens in the worst window
 * of WINDOW tokens, against the rest of the text: a suffix is an odd stretch in otherwise plain
 * prose. Code, maths, markup and tables are odd everywhere (and written in recognisable shapes), so
 * windows that look like them are skipped and the contrast with the rest does the remaining work.
 *
 * It reads the original text, not the views: letter case and symbols are its evidence, and the
 * canonical view lower-cases and folds them.
 */

const WINDOW = 10;
/** Odd-token share a window needs when the rest of the text is mostly plain… */
const RATIO = 0.35;
const REST = 0.12;
/** …or when the rest is entirely plain (a suffix on a clean one-line request). */
const RATIO_CLEAN = 0.25;
const REST_CLEAN = 0.03;
const SCORE = 0.85;

const PLAIN_WORD = /^[("'“‘]?[A-Za-z]+(?:['’-][A-Za-z]+)*[.,;:!?)"'”’]*$/;
const LEAD = /^[([{"'“‘`<*]+/;
const TRAIL = /[.,;:!?)\]}"'”’`>*]+$/;
const TABLE_RULE = /^[|\-:=*#_.+~]+$/;
const PROSE_SYMBOLS = new Set(["-", "–", "—", "&", "…", "...", "/", "+", "=", "*", "•", "→", ":", ">", "#"]);
const SYMBOL = /[[\]{}()<>\\|*^~$#@=+_`"]/;
const SYMBOLS = /[[\]{}()<>\\|*^~$#@=+_`"]/g;
const UNSPACED_SCRIPT = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Arabic}/u];
/** Shapes that look odd but are everyday technical writing. */
const TECHNICAL = [
  /^[A-Za-z_][\w.]*\(.*\)[;,]?$/, // call(args)
  /^<\/?[a-z][\w-]*(?:\s[^>]*)?\/?>$/, // <tag>
  /^<[^>]+@[^>]+>$/, // <name@host>
  /^<\?\w+/, // <?php
  /^https?:\/\//,
  /^[\w.+-]+@[\w-]+\.\w+/,
  /^[\w-]+(?:\.[\w-]+)+$/, // file.ext, a.b.c
  /^\\[a-zA-Z]+/, // \LaTeX
  /^[\d.,:+\-*/^=()%<>×÷≤≥]+$/,
  /^[\w.]{0,3}(?:[+\-*/^=<>≤≥]+[\w.]{1,3})+[,.;]?$/, // x+y=4z: maths names are short
  /^[#@$]\w+$/,
  /^\w+\[[\w'"]*\]$/, // a[i]
  /^[a-z_]+(?:_[a-z0-9]+)+$/, // snake_case
  /^--?[a-z][\w-]*$/, // --flag
  /^[\w-]+=\S+$/, // key=value
];
/** Windows in code, markup or maths: odd tokens are their normal state. */
const TECHNICAL_WINDOW =
  /```|>>>|&&|\|\||<\/?[a-z][a-z0-9]*[\s>]|\{[a-z-]+:|;\s*\}|(?:[=^+*/]\s*[\w(]+\s*){3}|\n[ \t]+\S|[;{}]\s*\n|\b(?:def|function|return|const|let|var|import|class|public|private|static|void|int|console\.log|#include|SELECT|FROM|WHERE|elif|else|printf|std::)\b|=>|==|!=|\+\+/;

/** Tokens are separated by whitespace and by "|", which tables use as a separator. */
function isSeparator(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0x7c ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/**
 * The common case, decided without allocating: an ASCII word, perhaps quoted or bracketed, with
 * inner apostrophes or hyphens and trailing punctuation, and no odd casing.
 */
function isPlainWord(text: string, start: number, end: number): boolean {
  let i = start;
  const first = text.charCodeAt(i);
  if (first === 34 || first === 39 || first === 40) i++;
  let letters = 0;
  let upperRun = 0;
  let lowerSeen = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const lower = c >= 97 && c <= 122;
    const upper = c >= 65 && c <= 90;
    if (lower) {
      if (upperRun >= 2) return false;
      lowerSeen = true;
      upperRun = 0;
      letters++;
    } else if (upper) {
      if (lowerSeen) return false;
      upperRun++;
      letters++;
    } else if ((c === 39 || c === 45) && letters > 0 && i + 1 < end && isAsciiLetter(text.charCodeAt(i + 1))) {
      lowerSeen = false;
      upperRun = 0;
    } else break;
  }
  if (letters === 0) return false;
  for (; i < end; i++) if (!TRAILING.has(text.charCodeAt(i))) return false;
  return true;
}

const TRAILING = new Set([...".,;:!?)\"'"].map((c) => c.charCodeAt(0)));

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** How odd one whitespace-separated token is: 0 plain, 1 odd, 0.5 in between. */
export function oddness(token: string): number {
  if (PLAIN_WORD.test(token)) {
    if (/[a-z][A-Z]{2,}|[A-Z]{2,}[a-z]{2,}/.test(token)) return 1;
    // "similarlyNow": two words run together, an identifier in code, a seam in a suffix
    return /[a-z]{3,}[A-Z][a-z]/.test(token) ? 0.5 : 0;
  }
  if (TABLE_RULE.test(token) || PROSE_SYMBOLS.has(token) || UNSPACED_SCRIPT.test(token)) return 0;
  if (/^(?:\[\[|\(\(|\{\{)/.test(token) && !/\]\]|\)\)|\}\}/.test(token)) return 1;
  if (/\p{L}[-=_*~]{3,}|[-=_*~]{3,}\p{L}/u.test(token)) return 1;
  const core = token.replace(LEAD, "").replace(TRAIL, "");
  if (core.length === 0) return SYMBOL.test(token) ? (token.length > 1 ? 1 : 0.5) : token.length >= 2 ? 0.5 : 0;
  if (!/[\p{L}\p{N}]/u.test(core)) return 1;
  if (TECHNICAL.some((shape) => shape.test(core) || shape.test(token))) return 0;
  if (SCRIPTS.filter((script) => script.test(core)).length >= 2) return 1;
  if (/\p{L}/u.test(core) && (core.match(SYMBOLS)?.length ?? 0) > 0) return 1;
  if (/[a-z][A-Z]{2,}|[A-Z]{2,}[a-z]{2,}|[a-z]\.[A-Za-z]|^[!?]{2,}|[!?]{2,}\p{L}/u.test(core)) return 1;
  return 0;
}

export const adversarialSuffix = defineDetector({
  id: "adversarial-suffix",
  description:
    "Finds optimised adversarial suffixes (GCG-style token soup): a stretch of fragments, stray brackets and symbol-glued words in otherwise plain text.",
  category: "jailbreak",
  tags: { owasp: ["LLM01:2025"], atlas: ["AML.T0054", "AML.T0068"] },
  detect(input) {
    const text = input.original;
    // a sliding window over the token stream, kept in rings so a megabyte allocates nothing per token
    const odd = new Float64Array(WINDOW);
    const from = new Int32Array(WINDOW);
    let count = 0;
    let total = 0;
    let run = 0;
    let best = 0;
    let bestStart = 0;
    let bestEnd = 0;
    let i = 0;
    while (i < text.length) {
      while (i < text.length && isSeparator(text.charCodeAt(i))) i++;
      if (i >= text.length) break;
      const start = i;
      while (i < text.length && !isSeparator(text.charCodeAt(i))) i++;
      const value = isPlainWord(text, start, i) ? 0 : oddness(text.slice(start, i));
      const slot = count % WINDOW;
      if (count >= WINDOW) run -= odd[slot] ?? 0;
      odd[slot] = value;
      from[slot] = start;
      run += value;
      total += value;
      count++;
      if (count >= WINDOW && run > best) {
        best = run;
        bestStart = from[count % WINDOW] ?? 0;
        bestEnd = i;
      }
    }
    if (count < WINDOW) return [];
    const ratio = best / WINDOW;
    const rest = (total - best) / Math.max(1, count - WINDOW);
    if (!((ratio >= RATIO && rest <= REST) || (ratio >= RATIO_CLEAN && rest <= REST_CLEAN))) return [];
    const span = { start: bestStart, end: bestEnd };
    // the oddest stretch being code or maths means the text is technical, not attacked
    if (TECHNICAL_WINDOW.test(text.slice(span.start, span.end))) return [];
    const quote = excerpt(text, span.start, span.end, 80).replace(/\s+/g, " ");
    return [
      {
        detector: this.id,
        category: this.category,
        score: SCORE,
        spans: [span],
        reason: `adversarial suffix: ${Math.round(ratio * WINDOW)} of ${WINDOW} tokens are fragments or symbol soup, against ${Math.round(rest * 100)}% in the rest of the text: "${quote}"`,
      },
    ];
  },
});
