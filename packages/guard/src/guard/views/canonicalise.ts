import type { Signal } from "../../core/signal.js";
import type { View } from "./view.js";

export interface CanonicaliseLimits {
  /** Deepest chain of nested encodings decoded (base64 inside hex inside …). */
  readonly maxDepth: number;
  /** Total code units all views together may hold, as a multiple of the input length. */
  readonly maxExpansion: number;
}

export const DEFAULT_LIMITS: CanonicaliseLimits = { maxDepth: 3, maxExpansion: 8 };

export interface Canonical {
  /** views[0] is the canonical view of the whole input. */
  readonly views: View[];
  /** One obfuscation signal per kind of obfuscation found. */
  readonly signals: Signal[];
}

export function canonicalise(original: string, _limits: CanonicaliseLimits = DEFAULT_LIMITS): Canonical {
  const starts = new Int32Array(original.length);
  const ends = new Int32Array(original.length);
  for (let i = 0; i < original.length; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { views: [{ name: "canonical", text: original.toLowerCase(), starts, ends, depth: 0 }], signals: [] };
}
