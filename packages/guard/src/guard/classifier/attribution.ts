import type { Attribution, Signal, Span } from "../../core/signal.js";
import { mergeSpans } from "../spans.js";
import { toOriginalSpan, type View } from "../views/view.js";
import { type FeatureBuffer, isWordChar } from "./features.js";
import type { ClassifierModel } from "./model.js";
import { groupScale } from "./score.js";

/** How many words an explanation names; the rest of the text's contribution is one summed term. */
const TOP_WORDS = 8;
const SPANS_PER_WORD = 4;

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
 * occurrences. The named words, each heuristic, the rest of the text (other words and the
 * separators between them) and the bias add up to the log-odds exactly.
 */
export function explain(
  model: ClassifierModel,
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
  const density = new Float64Array(text.length + 1);
  let textTotal = 0;
  for (let i = 0; i < features.length; i++) {
    const base = (features.hashes[i]! & mask) * width;
    const delta =
      (head.weights[base + label]! * labelScale - head.weights[base]! * benignScale) * scales[features.groups[i]!]!;
    const start = features.starts[i]!;
    const end = features.ends[i]!;
    density[start]! += delta / (end - start);
    density[end]! -= delta / (end - start);
    textTotal += delta;
  }
  const words = new Map<string, { weight: number; spans: Span[] }>();
  let running = 0;
  let wordStart = -1;
  let wordWeight = 0;
  for (let c = 0; c <= text.length; c++) {
    const inWord = c < text.length && isWordChar(text.charCodeAt(c));
    if (c < text.length) running += density[c]!;
    if (inWord) {
      if (wordStart < 0) {
        wordStart = c;
        wordWeight = 0;
      }
      wordWeight += running;
    } else if (wordStart >= 0) {
      const word = text.slice(wordStart, c);
      const entry = words.get(word) ?? { weight: 0, spans: [] };
      entry.weight += wordWeight;
      if (entry.spans.length < SPANS_PER_WORD) entry.spans.push(toOriginalSpan(view, wordStart, c));
      words.set(word, entry);
      wordStart = -1;
    }
  }
  const named = [...words]
    .filter(([, entry]) => entry.weight > 0)
    .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1))
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
