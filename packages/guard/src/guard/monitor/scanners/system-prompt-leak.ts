import type { OutputScan, OutputScanner } from "../scanner.js";
import { Findings, finding } from "./finding.js";
import { leakScore } from "./leak-score.js";
import { OrderedTokens } from "./ordered-tokens.js";
import {
  MIN_PROMPT_WORDS,
  type PromptProfile,
  promptProfile,
  SHINGLE,
  shingleHash,
  systemPromptOf,
} from "./prompt-profile.js";
import { WORD_KIND, type WordKind, WordStream } from "./word-stream.js";

const ID = "system-prompt-leak";

/**
 * The score rises as the output goes on; a signal is reported when it first reaches each level (a
 * flag, then a halt under the default policy), at the word that took it there.
 */
const LEVELS = [0.5, 0.8] as const;

/**
 * The output reproducing the request's system prompt, verbatim or translated. Verbatim: word
 * shingles of the prompt found in the output (the fraction reproduced, and the longest run of
 * consecutive reproduced words). Translated: the prompt's names, numbers, identifiers and URL parts
 * named in the prompt's order. Text released before the evidence is strong enough (about 25 words
 * of a verbatim leak) reaches the client: nothing is held back for this scanner.
 */
export const systemPromptLeak: OutputScanner = {
  id: ID,
  start(context) {
    const profile = promptProfile(systemPromptOf(context.messages));
    return profile.words < MIN_PROMPT_WORDS ? NO_PROMPT : leakScan(profile);
  },
};

function leakScan(profile: PromptProfile): OutputScan {
  const recent = new Int32Array(SHINGLE);
  const starts = new Float64Array(SHINGLE);
  const reproduced = new Uint8Array(profile.shingles.size);
  const ordered = new OrderedTokens(profile.distinctive.size);
  let words = 0;
  let shingles = 0;
  let run = 0;
  let longestRun = 0;
  let first = -1;
  let last = -1;
  let level = 0;
  const found = new Findings();

  function onWord(folded: number, exact: number, start: number, end: number, kind: WordKind): void {
    const slot = words % SHINGLE;
    recent[slot] = folded;
    starts[slot] = start;
    words++;
    let grew = false;
    if (words >= SHINGLE) {
      const oldest = words % SHINGLE;
      const index = profile.shingles.get(shingleHash(recent, oldest, SHINGLE));
      if (index === undefined) {
        run = 0;
      } else {
        if (reproduced[index] === 0) {
          reproduced[index] = 1;
          shingles += profile.counted[index]!;
        }
        run++;
        longestRun = Math.max(longestRun, run);
        extend(starts[oldest]!, end);
        grew = true;
      }
    }
    if (kind === WORD_KIND.latin) {
      const index = profile.distinctive.get(exact);
      if (index !== undefined && ordered.add(index)) {
        extend(start, end);
        grew = true;
      }
    }
    if (grew && level < LEVELS.length) report();
  }

  /** Widens the span of the evidence. */
  function extend(start: number, end: number): void {
    if (first < 0 || start < first) first = start;
    last = Math.max(last, end);
  }

  function report(): void {
    const runWords = longestRun === 0 ? 0 : longestRun + SHINGLE - 1;
    const evidence = {
      shingles,
      shinglesTotal: profile.countedTotal,
      run: runWords,
      ordered: ordered.length,
      orderedTotal: profile.distinctive.size,
    };
    const score = leakScore(evidence);
    if (score < LEVELS[level]!) return;
    while (level < LEVELS.length && score >= LEVELS[level]!) level++;
    const percent = Math.round((100 * shingles) / Math.max(1, profile.countedTotal));
    const reason =
      `the output reproduces the system prompt: ${percent}% of its ${SHINGLE}-word phrases, ` +
      `${runWords} words in a row, ${ordered.length} of its ${profile.distinctive.size} names, numbers ` +
      "and identifiers in its order";
    found.push(finding(ID, "system-prompt-leak", score, first, last, reason));
  }

  const stream = new WordStream(onWord);
  return {
    push(text, offset) {
      stream.push(text, offset);
      return found.take();
    },
    pending: () => 0,
    end() {
      stream.end();
      return found.take();
    },
  };
}

const NO_PROMPT: OutputScan = {
  push: () => [],
  pending: () => 0,
  end: () => [],
};
