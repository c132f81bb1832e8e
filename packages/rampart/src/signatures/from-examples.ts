import { type Category, canonicalise, encodeMinHash, minhash, type Signature, sha256Hex } from "@rampart/guard";

/**
 * Signatures for example attack prompts, the way the starter set is built: an exact hash of each
 * example's canonical text, and a MinHash sketch that also catches edited variants. What a member
 * publishes to the exchange is these, never the prompts themselves (those stay in the narrative).
 */
export function signaturesFromExamples(examples: readonly string[], category: Category, label: string): Signature[] {
  const signatures: Signature[] = [];
  const seen = new Set<string>();
  for (const example of examples) {
    const canonical = canonicalise(example).views[0]?.text ?? "";
    if (canonical.trim() === "") continue;
    const sha256 = sha256Hex(canonical);
    if (seen.has(sha256)) continue;
    seen.add(sha256);
    signatures.push({ id: `exact-${sha256.slice(0, 12)}`, kind: "exact", category, description: label, sha256 });
    const sketch = minhash(canonical);
    if (sketch !== undefined) {
      const encoded = encodeMinHash(sketch);
      signatures.push({
        id: `fuzzy-${sha256Hex(encoded).slice(0, 12)}`,
        kind: "fuzzy",
        category,
        description: label,
        minhash: encoded,
      });
    }
  }
  return signatures;
}
