import type { Signal } from "../../core/signal.js";
import type { ScanInput } from "../detectors/detector.js";
import type { SignatureSet } from "./signature-set.js";

/** Immutable lookup structure built from a signature set; swapped whole on hot reload. */
export class SignatureIndex {
  readonly size: number;

  private constructor(set: SignatureSet) {
    this.size = set.signatures.length;
  }

  static from(set: SignatureSet): SignatureIndex {
    return new SignatureIndex(set);
  }

  match(_input: ScanInput): Signal[] {
    return [];
  }
}
