import { createHash } from "node:crypto";
import type { EncodedModel } from "@rampart/guard";

export type ModelContent = Omit<EncodedModel, "format" | "id" | "sha256">;

/** SHA-256 of everything a model says, weights and thresholds alike, in one fixed field order. */
export function modelDigest(content: ModelContent): string {
  const body = {
    format: "rampart-classifier/1",
    heuristics: content.heuristics,
    main: content.main,
    hazard: content.hazard,
    temperature: content.temperature,
    operatingPoints: content.operatingPoints,
  };
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/** The id and hash cover everything the model says, so a changed weight or threshold is a new model. */
export function sealModel(content: ModelContent): EncodedModel {
  const sha256 = modelDigest(content);
  return {
    format: "rampart-classifier/1",
    id: `rampart-classifier-${sha256.slice(0, 16)}`,
    sha256,
    heuristics: content.heuristics,
    main: content.main,
    hazard: content.hazard,
    temperature: content.temperature,
    operatingPoints: content.operatingPoints,
  };
}
