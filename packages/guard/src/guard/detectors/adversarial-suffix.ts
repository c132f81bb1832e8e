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

const TOKEN = /[^\s|]+/g;
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
    const starts: number[] = [];
    const ends: number[] = [];
    const odd: number[] = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      odd.push(oddness(m[0]));
    }
    if (odd.length < WINDOW) return [];
    const total = odd.reduce((a, b) => a + b, 0);
    let best = 0;
    let bestAt = 0;
    let run = 0;
    for (let i = 0; i < odd.length; i++) {
      run += odd[i] ?? 0;
      if (i >= WINDOW) run -= odd[i - WINDOW] ?? 0;
      if (i >= WINDOW - 1 && run > best) {
        best = run;
        bestAt = i - WINDOW + 1;
      }
    }
    const ratio = best / WINDOW;
    const rest = (total - best) / Math.max(1, odd.length - WINDOW);
    if (!((ratio >= RATIO && rest <= REST) || (ratio >= RATIO_CLEAN && rest <= REST_CLEAN))) return [];
    const span = { start: starts[bestAt] ?? 0, end: ends[bestAt + WINDOW - 1] ?? text.length };
    // the oddest stretch being code or maths means the text is technical, not attacked
    if (TECHNICAL_WINDOW.test(text.slice(span.start, span.end))) return [];
    const quote = text.slice(span.start, Math.min(span.end, span.start + 80)).replace(/\s+/g, " ");
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
