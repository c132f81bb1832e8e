import type { WordHits } from "../english-words.js";
import { endOf, type Mapped, type MappedBuilder, originalRange, startOf } from "../mapped.js";
import { defineDecoder } from "./decoder.js";
import { transformedRegions } from "./regions.js";

export const reversed = defineDecoder({
  name: "reversed",
  detector: "obfuscation/reversed",
  description: "Sentences that read as English only when read backwards.",
  wanted: (features) => features.reversed,
  decode(clean, out) {
    for (const [from, to] of transformedRegions(clean, (hits: WordHits) => hits.reversed)) {
      reverse(clean, from, to, out.begin("reversed"));
      const spans = [originalRange(clean, from, to)];
      out.commit({
        spans,
        evidence: true,
        describe: "reversed text reads",
        sources: [clean.text.slice(from, to)],
      });
    }
  },
});

/** Reverses by code point, so surrogate pairs stay in order. */
function reverse(clean: Mapped, from: number, to: number, out: MappedBuilder): void {
  const text = clean.text;
  let i = to - 1;
  while (i >= from) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xdc00 && unit <= 0xdfff && i - 1 >= from && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    const first = pair ? i - 1 : i;
    for (let k = first; k <= i; k++) out.push(text.charCodeAt(k), startOf(clean, k), endOf(clean, k));
    i = first - 1;
  }
}
