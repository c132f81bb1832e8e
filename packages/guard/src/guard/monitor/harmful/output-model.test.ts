import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RampartError } from "../../../core/errors.js";
import { bundledModel } from "../../classifier/bundled.js";
import { bundledOutputModel } from "./bundled.js";
import { BUNDLED_OUTPUT_MODEL } from "./bundled-output-model.js";
import { decodeOutputModel, type EncodedOutputModel, extraFeatures, OUTPUT_CLASSES } from "./output-model.js";

const BITS = 6;

function encoded(overrides: Partial<EncodedOutputModel> = {}, head: Partial<EncodedOutputModel["head"]> = {}) {
  const weights = Int8Array.from({ length: (1 << BITS) * 3 }, (_, i) => (i % 7) - 3);
  const base: EncodedOutputModel = {
    format: "rampart-output-classifier/1",
    id: "rampart-output-classifier-test",
    sha256: "0".repeat(64),
    head: {
      labels: ["benign", "refusal", "harmful"],
      bits: BITS,
      weights: Buffer.from(weights.buffer).toString("base64"),
      scales: [0.1, 0.2, 0.3],
      biases: [1, 0, -1],
      heuristicWeights: [],
    },
    promptClassifier: null,
    readsRequest: false,
    temperature: 1.5,
    operatingPoints: { flag: 0.6, halt: 0.9, minChars: 48, stride: 16, chosenOn: "a test" },
  };
  return { ...base, ...overrides, head: { ...base.head, ...head } };
}

function refusal(model: EncodedOutputModel): RampartError {
  try {
    decodeOutputModel(model);
  } catch (error) {
    if (error instanceof RampartError) return error;
    throw error;
  }
  throw new Error("decodeOutputModel accepted an invalid model");
}

describe("decodeOutputModel", () => {
  it("decodes the int8 weights and keeps everything else as it was", () => {
    const model = decodeOutputModel(encoded());
    expect(model.head.weights).toBeInstanceOf(Int8Array);
    expect(Array.from(model.head.weights.subarray(0, 8))).toEqual([-3, -2, -1, 0, 1, 2, 3, -3]);
    expect(model.head.weights).toHaveLength(3 << BITS);
    expect(model).toMatchObject({
      id: "rampart-output-classifier-test",
      promptClassifier: null,
      readsRequest: false,
      temperature: 1.5,
      operatingPoints: { flag: 0.6, halt: 0.9, minChars: 48, stride: 16 },
    });
  });

  it("expects 3 weights per class for the prompt classifier's view of the answer, 7 with the request", () => {
    expect(extraFeatures({ promptClassifier: null, readsRequest: false })).toBe(0);
    expect(extraFeatures({ promptClassifier: null, readsRequest: true })).toBe(0);
    expect(extraFeatures({ promptClassifier: "p", readsRequest: false })).toBe(3);
    expect(extraFeatures({ promptClassifier: "p", readsRequest: true })).toBe(7);
    const answer = { promptClassifier: "p" };
    expect(
      decodeOutputModel(encoded(answer, { heuristicWeights: Array(9).fill(0.5) })).head.heuristicWeights,
    ).toHaveLength(9);
    const request = { promptClassifier: "p", readsRequest: true };
    expect(
      decodeOutputModel(encoded(request, { heuristicWeights: Array(21).fill(0.5) })).head.heuristicWeights,
    ).toHaveLength(21);
  });

  it.each([
    ["weights that are not base64", {}, { weights: "not base64!" }],
    ["base64 that is not canonical (no padding)", {}, { weights: "AAE" }],
    ["weights for fewer buckets than bits says", {}, { bits: BITS + 1 }],
    ["heuristic weights for a prompt classifier the model does not read", {}, { heuristicWeights: [1, 2, 3] }],
    ["no heuristic weights for the prompt classifier it reads", { promptClassifier: "p" }, {}],
    [
      "answer weights only when it reads the request too",
      { promptClassifier: "p", readsRequest: true },
      { heuristicWeights: Array(9).fill(0) },
    ],
  ] as const)("refuses %s with MODEL_INVALID", (_what, model, head) => {
    const error = refusal(encoded(model, head));
    expect(error.code).toBe("MODEL_INVALID");
    expect(error.message).toContain("benign,refusal,harmful");
  });
});

describe("the bundled output model", () => {
  const model = bundledOutputModel();

  it("decodes, once, into the model every guard shares", () => {
    expect(model.head.labels).toEqual(OUTPUT_CLASSES);
    expect(model.head.weights).toHaveLength(OUTPUT_CLASSES.length << model.head.bits);
    expect(bundledOutputModel()).toBe(model);
  });

  it("is named by its hash, and the hash is that of its content, so an edit by hand shows", () => {
    expect(model.id).toBe(`rampart-output-classifier-${model.sha256.slice(0, 16)}`);
    const { id: _id, sha256, ...content } = BUNDLED_OUTPUT_MODEL;
    expect(createHash("sha256").update(JSON.stringify(content)).digest("hex")).toBe(sha256);
  });

  it("reads the bundled prompt classifier, if any, and has sane operating points", () => {
    if (model.promptClassifier !== null) expect(model.promptClassifier).toBe(bundledModel().id);
    const points = model.operatingPoints;
    expect(points.flag).toBeGreaterThan(0);
    expect(points.flag).toBeLessThanOrEqual(points.halt);
    expect(points.halt).toBeLessThan(1);
    expect(points.minChars).toBeGreaterThan(0);
    expect(points.stride).toBeGreaterThan(0);
    expect(model.temperature).toBeGreaterThan(0);
  });
});
