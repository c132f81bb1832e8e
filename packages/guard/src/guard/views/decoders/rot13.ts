import { rot13Code, type WordHits } from "../english-words.js";
import { endOf, originalRange, startOf } from "../mapped.js";
import { defineDecoder } from "./decoder.js";
import { transformedRegions } from "./regions.js";

export const rot13 = defineDecoder({
  name: "rot13",
  detector: "obfuscation/rot13",
  description: "Sentences that read as English only after rot13.",
  wanted: (features) => features.rot13,
  decode(clean, out) {
    for (const [from, to] of transformedRegions(clean, (hits: WordHits) => hits.rot13)) {
      const builder = out.begin("rot13");
      for (let i = from; i < to; i++) {
        builder.push(rot13Code(clean.text.charCodeAt(i)), startOf(clean, i), endOf(clean, i));
      }
      const spans = [originalRange(clean, from, to)];
      out.commit({
        spans,
        evidence: true,
        describe: "rot13 text reads",
        sources: [clean.text.slice(from, to)],
      });
    }
  },
});
