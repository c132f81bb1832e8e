import type { ObfuscationDetector } from "../findings.js";
import type { Mapped } from "../mapped.js";
import type { Features } from "../scan.js";
import type { DecodedViews } from "./decoded-views.js";

export interface Decoder {
  readonly name: string;
  readonly detector: ObfuscationDetector;
  readonly description: string;
  /** Whether the scan's tells make this decoder worth running on the text. */
  wanted(features: Features): boolean;
  /** Decodes the candidate stretches of `clean` (case kept, invisibles removed) into `out`. */
  decode(clean: Mapped, out: DecodedViews): void;
}

export function defineDecoder(decoder: Decoder): Decoder {
  return decoder;
}
