import { decodeHead, type EncodedHead, type LinearHead } from "../../classifier/model.js";

/** What the output classifier tells apart: an ordinary answer, a refusal, and an answer that does the harm. */
export const OUTPUT_CLASSES = ["benign", "refusal", "harmful"] as const;
export type OutputClass = (typeof OUTPUT_CLASSES)[number];

/** The prompt classifier's log-odds of jailbreak, injection and harmful against benign, of the answer. */
export const ANSWER_FEATURES = 3;
/** The same log-odds of the request's last user turn, and 1 when there was one (0: the request is unknown). */
export const REQUEST_FEATURES = 4;

/** How many features besides n-grams a model's head reads. */
export function extraFeatures(model: Pick<OutputModel, "promptClassifier" | "readsRequest">): number {
  if (model.promptClassifier === null) return 0;
  return ANSWER_FEATURES + (model.readsRequest ? REQUEST_FEATURES : 0);
}

/** Where P(harmful) of the output so far flags or halts the stream, and what they were chosen on. */
export interface OutputOperatingPoints {
  readonly flag: number;
  readonly halt: number;
  /** The stream is not judged before this many characters: a few words say too little. */
  readonly minChars: number;
  /** The output is re-scored after at least this many new characters (the calibration's stride too). */
  readonly stride: number;
  readonly chosenOn: string;
}

export interface OutputModel {
  /** "rampart-output-classifier-" followed by the first 16 hex digits of the SHA-256 of the encoded model. */
  readonly id: string;
  readonly sha256: string;
  readonly head: LinearHead<OutputClass>;
  /**
   * The id of the prompt classifier whose log-odds (jailbreak, injection, harmful against benign)
   * of the output the head reads as three more features; null when it reads n-grams only.
   */
  readonly promptClassifier: string | null;
  /**
   * Whether the head also reads the prompt classifier's log-odds of the request (see
   * `requestFeatures`): an answer that is not a refusal to a request that looks harmful is the
   * commonest harmful answer, and that pattern carries across sources better than any topic.
   */
  readonly readsRequest: boolean;
  readonly temperature: number;
  readonly operatingPoints: OutputOperatingPoints;
}

export interface EncodedOutputModel {
  readonly format: "rampart-output-classifier/1";
  readonly id: string;
  readonly sha256: string;
  readonly head: EncodedHead<OutputClass>;
  readonly promptClassifier: string | null;
  readonly readsRequest: boolean;
  readonly temperature: number;
  readonly operatingPoints: OutputOperatingPoints;
}

export function decodeOutputModel(encoded: EncodedOutputModel): OutputModel {
  return {
    id: encoded.id,
    sha256: encoded.sha256,
    head: decodeHead(encoded.head, extraFeatures(encoded)),
    promptClassifier: encoded.promptClassifier,
    readsRequest: encoded.readsRequest,
    temperature: encoded.temperature,
    operatingPoints: encoded.operatingPoints,
  };
}
