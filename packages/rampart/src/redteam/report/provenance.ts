import { canonicalDigest } from "../../ledger/attest/digest.js";
import type { Behavior, Strategy } from "../types.js";

/**
 * The suite a run attacked with, by content: every behavior's id and goal, every strategy's id,
 * and the seed that ordered and sampled them. The same suite gives the same digest anywhere, so an
 * attested report says exactly what it measured.
 */
export function suiteOf(
  behaviors: readonly Behavior[],
  strategies: readonly Strategy[],
  seed: number,
  limit: number | null,
) {
  return {
    name: `rampart red team: ${behaviors.length} behaviors × ${strategies.length} strategies`,
    digest: canonicalDigest({
      behaviors: behaviors.map((b) => [b.id, b.goal, b.category, b.severity]).sort(),
      strategies: strategies.map((s) => s.id).sort(),
      seed,
      limit,
    }),
  };
}

/** A target named by its spec: the digest stands for the spec when there is nothing else to hash. */
export function targetSubject(id: string) {
  return { name: id, digest: canonicalDigest({ target: id }) };
}
