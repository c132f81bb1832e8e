import type { Hazard } from "../../core/category.js";
import { RampartError } from "../../core/errors.js";
import { decodeBase64 } from "../signatures/base64.js";

/** What the classifier tells apart; the first class is the benign one every attribution is measured against. */
export const CLASSES = ["benign", "jailbreak", "injection", "harmful"] as const;
export type ClassName = (typeof CLASSES)[number];

/**
 * Where an attack probability becomes a flag or a block: chosen on a validation split for a target
 * false-positive rate, and kept with the model together with what they were measured on.
 */
export interface OperatingPoints {
  /** Attack probability (1 - P(benign)) at or above which the classifier flags. */
  readonly flag: number;
  /** Attack probability at or above which it blocks. */
  readonly block: number;
  /** How the thresholds were chosen, for the model card and `rampart explain`. */
  readonly chosenOn: string;
}

/** A linear head: int8 weights, one scale per class, float biases. */
export interface LinearHead<Label extends string> {
  readonly labels: readonly Label[];
  /** log2 of the number of hashed text buckets this head reads (it masks every feature hash to it). */
  readonly bits: number;
  /** weights[bucket * labels.length + label]; real weight = value × scales[label]. */
  readonly weights: Int8Array;
  readonly scales: readonly number[];
  readonly biases: readonly number[];
  /** heuristicWeights[feature * labels.length + label], full precision (there are only a few). */
  readonly heuristicWeights: readonly number[];
}

/** A trained model as the guard uses it: decoded, immutable, no file-system access needed. */
export interface ClassifierModel {
  /** "rampart-classifier-" followed by the first 16 hex digits of the SHA-256 of the encoded model. */
  readonly id: string;
  readonly sha256: string;
  /** The heuristic signals the model reads, by detector id prefix, in weight order. */
  readonly heuristics: readonly string[];
  readonly main: LinearHead<ClassName>;
  /** Which hazard a harmful request is about; read only when the main head says harmful. */
  readonly hazard: LinearHead<Hazard>;
  /** Divides the logits before the softmax (temperature scaling, fitted on the validation split). */
  readonly temperature: number;
  readonly operatingPoints: OperatingPoints;
}

/** The serialisable form: what the generated module holds and what `rampart train` writes. */
export interface EncodedModel {
  readonly format: "rampart-classifier/1";
  readonly id: string;
  readonly sha256: string;
  readonly heuristics: readonly string[];
  readonly main: EncodedHead<ClassName>;
  readonly hazard: EncodedHead<Hazard>;
  readonly temperature: number;
  readonly operatingPoints: OperatingPoints;
}

export interface EncodedHead<Label extends string> extends Omit<LinearHead<Label>, "weights"> {
  /** The int8 weights, base64. */
  readonly weights: string;
}

export function decodeModel(encoded: EncodedModel): ClassifierModel {
  return {
    id: encoded.id,
    sha256: encoded.sha256,
    heuristics: encoded.heuristics,
    main: decodeHead(encoded.main, encoded.heuristics.length),
    hazard: decodeHead(encoded.hazard, encoded.heuristics.length),
    temperature: encoded.temperature,
    operatingPoints: encoded.operatingPoints,
  };
}

export function decodeHead<Label extends string>(head: EncodedHead<Label>, heuristicCount: number): LinearHead<Label> {
  const bytes = decodeBase64(head.weights);
  if (bytes === undefined)
    throw new RampartError("MODEL_INVALID", `classifier head over ${head.labels.join(",")}: weights are not base64`);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = head.labels.length;
  if (weights.length !== (1 << head.bits) * width || head.heuristicWeights.length !== heuristicCount * width) {
    throw new RampartError(
      "MODEL_INVALID",
      `classifier head over ${head.labels.join(",")}: ${weights.length} weights where ${1 << head.bits} buckets × ${width} labels need ${(1 << head.bits) * width}, ` +
        `or ${head.heuristicWeights.length} heuristic weights where ${heuristicCount} heuristics × ${width} labels need ${heuristicCount * width}`,
    );
  }
  return { ...head, weights };
}
