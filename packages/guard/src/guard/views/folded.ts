import type { Findings } from "./findings.js";
import { foldLeet } from "./leetspeak.js";
import type { Mapped } from "./mapped.js";
import type { Features } from "./scan.js";
import { findSpacedRuns, joinSpacedRuns } from "./spaced-letters.js";

/**
 * The canonical view with spaced-out letters joined and leetspeak read as letters, or null when
 * the scan saw neither: ordinary numbers in ordinary text never reach this.
 */
export function foldedView(canonical: Mapped, features: Features, findings: Findings): Mapped | null {
  let folded = canonical;
  if (features.spaced) {
    const runs = findSpacedRuns(folded.text);
    if (runs.length > 0) folded = joinSpacedRuns(folded, runs, findings);
  }
  if (features.leet) folded = foldLeet(folded, findings);
  return folded === canonical ? null : folded;
}
