import type { Attribution, Signal, Span } from "../../core/signal.js";
import { mergeSpans } from "../spans.js";
import { toOriginalSpan, type View } from "../views/view.js";
import { type FeatureBuffer, isWordChar } from "./features.js";
import type { LinearHead } from "./model.js";

/** What an explanation reads of a model: any linear head over these features, with its heuristics. */
export interface ExplainedModel {
  readonly main: LinearHead<string>;
  readonly heuristics: readonly string[];
  readonly temperature: number;
}

import { groupScale } from "./score.js";

/** How many words an explanation names; the rest of the text's contribution is one summed term. */
const TOP_WORDS = 8;
const SPANS_PER_WORD = 4;
/** Words whose strongest occurrence ranks this high are totalled over all their occurrences. */
const CANDIDATE_WORDS = 2 * TOP_WORDS;

export interface Explanation {
  /** Log-odds of the class against benign, after temperature: the sum of every attribution's weight. */
  readonly logOdds: number;
  readonly attributions: Attribution[];
  /** Where the words that pushed hardest towards the class occur in the original input. */
  readonly spans: Span[];
}

/**
 * Decomposes the log-odds of `label` against benign into exact terms. Each n-gram occurrence's
 * contribution (its weight for the class minus its weight for benign, scaled) is spread evenly
 * over the characters it covers; a word's term is what its characters received, summed over its
 * occurrences (the words named are chosen among those with the strongest single occurrences). The
 * named words, each heuristic, the rest of the text (other words and the
 * separators between them) and the bias add up to the log-odds exactly.
 */
export function explain(
  model: ExplainedModel,
  view: View,
  features: FeatureBuffer,
  label: number,
  heuristics: Float64Array,
  heuristicSignals: readonly Signal[],
): Explanation {
  const head = model.main;
  const width = head.labels.length;
  const mask = (1 << head.bits) - 1;
  const scales = [
    groupScale(features.counts.char) / model.temperature,
    groupScale(features.counts.word) / model.temperature,
  ];
  const labelScale = head.scales[label]!;
  const benignScale = head.scales[0]!;
  const text = view.text;
  // A difference array: each occurrence adds its per-character share to [start, end) in O(1).
  const density = scratch.density(text.length + 1);
  let textTotal = 0;
  for (let i = 0; i < features.length; i++) {
    const base = (features.hashes[i]! & mask) * width;
    const delta =
      (head.weights[base + label]! * labelScale - head.weights[base]! * benignScale) * scales[features.groups[i]!]!;
    const start = features.starts[i]!;
    const end = features.ends[i]!;
    const share = delta / (end - start);
    density[start]! += share;
    density[end]! -= share;
    textTotal += delta;
  }
  const words = wordShares(text, density);
  // Only words with one of the strongest occurrences become strings; their totals then count every occurrence.
  const candidates = new Map<string, { weight: number; spans: Span[] }>();
  const candidateHashes = new Set<number>();
  for (const index of strongest(words.weights, words.count, CANDIDATE_WORDS)) {
    candidates.set(text.slice(words.starts[index], words.ends[index]), { weight: 0, spans: [] });
    candidateHashes.add(words.hashes[index]!);
  }
  for (let i = 0; i < words.count; i++) {
    if (!candidateHashes.has(words.hashes[i]!)) continue;
    const entry = candidates.get(text.slice(words.starts[i], words.ends[i]));
    if (entry === undefined) continue;
    entry.weight += words.weights[i]!;
    if (entry.spans.length < SPANS_PER_WORD) entry.spans.push(toOriginalSpan(view, words.starts[i]!, words.ends[i]!));
  }
  const named = [...candidates]
    .filter(([, entry]) => entry.weight > 0)
    .sort((x, y) => y[1].weight - x[1].weight || (x[0] < y[0] ? -1 : 1))
    .slice(0, TOP_WORDS);
  const attributions: Attribution[] = named.map(([word, entry]) => ({
    feature: `text "${word}"`,
    weight: entry.weight,
    spans: mergeSpans(entry.spans),
  }));
  const namedTotal = attributions.reduce((sum, term) => sum + term.weight, 0);
  model.heuristics.forEach((name, j) => {
    const value = heuristics[j]!;
    const weight =
      ((head.heuristicWeights[j * width + label]! - head.heuristicWeights[j * width]!) * value) / model.temperature;
    if (value === 0 || weight === 0) return;
    const spans = heuristicSignals
      .filter((s) => s.detector === name || s.detector.startsWith(`${name}/`))
      .flatMap((s) => s.spans);
    attributions.push({ feature: `heuristic ${name} (${value.toFixed(2)})`, weight, spans: mergeSpans(spans, 4) });
  });
  attributions.push({ feature: "rest of the text", weight: textTotal - namedTotal, spans: [] });
  attributions.push({
    feature: "bias",
    weight: (head.biases[label]! - head.biases[0]!) / model.temperature,
    spans: [],
  });

  const logOdds = attributions.reduce((sum, term) => sum + term.weight, 0);
  const spans = mergeSpans(
    attributions.slice(0, named.length).flatMap((term) => term.spans),
    TOP_WORDS * SPANS_PER_WORD,
  );
  return { logOdds, attributions, spans };
}

/**
 * Arrays reused from one explanation to the next (the guard is synchronous, so one at a time):
 * a long prompt's explanation would otherwise allocate a few hundred kilobytes for the collector.
 */
const scratch = {
  densityArray: new Float64Array(0),
  wordArrays: {
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    weights: new Float64Array(0),
    hashes: new Int32Array(0),
  },
  density(size: number): Float64Array {
    if (this.densityArray.length < size) this.densityArray = new Float64Array(size * 2);
    this.densityArray.fill(0, 0, size);
    return this.densityArray;
  },
  words(size: number) {
    if (this.wordArrays.starts.length < size) {
      this.wordArrays = {
        starts: new Int32Array(size * 2),
        ends: new Int32Array(size * 2),
        weights: new Float64Array(size * 2),
        hashes: new Int32Array(size * 2),
      };
    }
    return this.wordArrays;
  },
};

interface WordShares {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** What each occurrence's characters received. */
  readonly weights: Float64Array;
  /** FNV-1a of the word's code units: equal words, equal hashes. */
  readonly hashes: Int32Array;
}

/** Every word occurrence of `text` with its share of the per-character `density` (a difference array). */
function wordShares(text: string, density: Float64Array): WordShares {
  const { starts, ends, weights, hashes } = scratch.words((text.length >> 1) + 1);
  let count = 0;
  let running = 0;
  let start = -1;
  let weight = 0;
  let hash = 0;
  for (let c = 0; c <= text.length; c++) {
    const code = c < text.length ? text.charCodeAt(c) : 32;
    if (c < text.length) running += density[c]!;
    if (c < text.length && isWordChar(code)) {
      if (start < 0) {
        start = c;
        weight = 0;
        hash = 0x811c9dc5 | 0;
      }
      weight += running;
      hash = Math.imul(hash ^ code, 16777619);
    } else if (start >= 0) {
      starts[count] = start;
      ends[count] = c;
      weights[count] = weight;
      hashes[count++] = hash;
      start = -1;
    }
  }
  return { count, starts, ends, weights, hashes };
}

/** Indices of the `k` largest positive values among values[0, count), in one pass. */
function strongest(values: Float64Array, count: number, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = values[i]!;
    if (!(value > 0) || (top.length === k && value <= values[top[k - 1]!]!)) continue;
    if (top.length === k) top.pop();
    let at = top.length;
    while (at > 0 && values[top[at - 1]!]! < value) at--;
    top.splice(at, 0, i);
  }
  return top;
}
