import type { AtlasId, Category, OwaspLlmId } from "../../core/category.js";
import type { Signal } from "../../core/signal.js";
import type { View } from "../views/view.js";
import type { WordIndex } from "./word-index.js";

/** What every detector sees: the original text and the views the canonicaliser produced from it. */
export interface ScanInput {
  readonly original: string;
  /** views[0] is always the canonical view of the whole input. */
  readonly views: readonly View[];
  /** This check's word index of the views, shared by the detectors (each builds its own when absent). */
  readonly words?: WordIndex;
}

export interface Detector<Id extends string = string> {
  readonly id: Id;
  readonly description: string;
  /** The category this detector's signals carry by default. */
  readonly category: Category;
  /** Every category its signals may carry, for a detector that emits more than `category`. */
  readonly emits?: readonly Category[];
  readonly tags: { readonly owasp: readonly OwaspLlmId[]; readonly atlas: readonly AtlasId[] };
  /** Pure and synchronous; must never throw and must stay linear in the input length. */
  detect(input: ScanInput): Signal[];
}

export function defineDetector<const Id extends string>(detector: Detector<Id>): Detector<Id> {
  return detector;
}
