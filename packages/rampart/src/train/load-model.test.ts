import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLASSES, canonicalise, classifyViews, decodeModel, type EncodedModel, RampartError } from "@rampart/guard";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "./load-model.js";
import { type ModelContent, sealModel } from "./model-hash.js";

/** `text` as a regular expression that matches it literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const base64 = (values: readonly number[]) => Buffer.from(Int8Array.from(values).buffer).toString("base64");

/** A small valid model: two heuristics, 4-bucket heads (bits 2), weights of the right sizes. */
function content(): ModelContent {
  return {
    heuristics: ["signatures", "obfuscation"],
    main: {
      labels: [...CLASSES],
      bits: 2,
      weights: base64(Array.from({ length: 4 * 4 }, (_, i) => i * 9 - 70)),
      scales: [0.01, 0.02, 0.03, 0.04],
      biases: [1, -0.5, -0.25, 0],
      heuristicWeights: [0, 1, 2, 3, 0, -1, -2, -3],
    },
    hazard: {
      labels: ["hate", "privacy"],
      bits: 2,
      weights: base64([1, -1, 2, -2, 3, -3, 127, -127]),
      scales: [0.5, 0.25],
      biases: [0, 0.1],
      heuristicWeights: [0, 0, 0.5, -0.5],
    },
    temperature: 1.5,
    operatingPoints: { flag: 0.6, block: 0.9, chosenOn: "a test" },
  };
}

let dir: string;
let counter = 0;

async function modelFile(model: unknown): Promise<string> {
  const path = join(dir, `model-${counter++}.json`);
  await writeFile(path, typeof model === "string" ? model : JSON.stringify(model));
  return path;
}

/** What loadModel threw: a RampartError with code MODEL_INVALID. */
async function failureOf(path: string): Promise<RampartError> {
  try {
    await loadModel(path);
  } catch (error) {
    expect(error).toBeInstanceOf(RampartError);
    expect((error as RampartError).code).toBe("MODEL_INVALID");
    return error as RampartError;
  }
  throw new Error("the model was accepted");
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-model-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadModel", () => {
  it("loads a sealed model, decoded exactly as the guard decodes it", async () => {
    const sealed = sealModel(content());
    const model = await loadModel(await modelFile(sealed));
    expect(model).toEqual(decodeModel(sealed));
    expect(model.id).toBe(`rampart-classifier-${sealed.sha256.slice(0, 16)}`);
    expect(Array.from(model.hazard.weights)).toEqual([1, -1, 2, -2, 3, -3, 127, -127]);
    expect(model.main.weights).toHaveLength(16);
    // And it scores text.
    const attack = classifyViews(model, canonicalise("hello there").views, new Float64Array(2))?.attack;
    expect(attack).toBeGreaterThan(0);
    expect(attack).toBeLessThan(1);
  });

  it("names the file when it cannot be read", async () => {
    const missing = join(dir, "missing.json");
    expect((await failureOf(missing)).message).toMatch(new RegExp(`^${literal(missing)}: cannot read the model: `));
  });

  it("names the file when it is not JSON", async () => {
    const path = await modelFile("{ not json");
    expect((await failureOf(path)).message).toMatch(new RegExp(`^${literal(path)}: not valid JSON: `));
  });

  it.each<[string, (model: EncodedModel) => unknown, string]>([
    ["a non-positive temperature", (m) => ({ ...m, temperature: -1 }), "temperature: expected a positive number"],
    ["another format", (m) => ({ ...m, format: "rampart-classifier/2" }), "format: "],
    ["a missing hazard head", ({ hazard: _, ...m }) => m, "hazard: required: expected object"],
    ["an unknown field", (m) => ({ ...m, notes: "hand-edited" }), "notes: unknown field"],
    ["a malformed sha256", (m) => ({ ...m, sha256: "abc" }), "sha256: "],
    ["a head too large", (m) => ({ ...m, main: { ...m.main, bits: 30 } }), "main.bits: "],
    [
      "an unknown hazard",
      (m) => ({ ...m, hazard: { ...m.hazard, labels: ["hate", "astrology"] } }),
      "hazard.labels[1]: ",
    ],
    ["an unknown class", (m) => ({ ...m, main: { ...m.main, labels: ["benign", "spam"] } }), "main.labels[1]: "],
    [
      "a threshold above 1",
      (m) => ({ ...m, operatingPoints: { ...m.operatingPoints, block: 1.5 } }),
      "operatingPoints.block: ",
    ],
    [
      "one scale too few",
      (m) => ({ ...m, main: { ...m.main, scales: [1, 1, 1] } }),
      "main.scales: expected one scale per label",
    ],
    [
      "the classes in another order (benign must come first)",
      (m) => ({ ...m, main: { ...m.main, labels: ["jailbreak", "benign", "injection", "harmful"] } }),
      "main.labels: expected exactly benign, jailbreak, injection, harmful",
    ],
    [
      "a flag point above the block point",
      (m) => ({ ...m, operatingPoints: { ...m.operatingPoints, flag: 0.95 } }),
      "operatingPoints.flag: expected flag <= block",
    ],
    ["an id that is not its hash", (m) => ({ ...m, id: "rampart-classifier-0000000000000000" }), "id: expected"],
    [
      "a string bias",
      (m) => ({ ...m, main: { ...m.main, biases: [1, "0", 0, 0] } }),
      "main.biases[1]: expected number",
    ],
  ])("refuses %s, naming the field", async (_, change, message) => {
    const path = await modelFile(change(sealModel(content())));
    const error = await failureOf(path);
    expect(error.message.split("\n")).toContainEqual(expect.stringContaining(`${path}: ${message}`));
  });

  it("refuses a model changed after it was sealed", async () => {
    const sealed = sealModel(content());
    const tampered = { ...sealed, main: { ...sealed.main, biases: [1, -0.5, -0.25, 5] } };
    const path = await modelFile(tampered);
    expect((await failureOf(path)).message).toBe(
      `${path}: the content does not match its sha256: the model was changed after training`,
    );
    const moved = { ...sealed, operatingPoints: { ...sealed.operatingPoints, block: 0.95 } };
    expect((await failureOf(await modelFile(moved))).message).toContain("does not match its sha256");
    const reweighted = { ...sealed, hazard: { ...sealed.hazard, weights: base64([1, -1, 2, -2, 3, -3, 127, 127]) } };
    expect((await failureOf(await modelFile(reweighted))).message).toContain("does not match its sha256");
  });

  it("accepts the same change once the model is sealed again", async () => {
    const changed = content();
    const resealed = sealModel({ ...changed, main: { ...changed.main, biases: [1, -0.5, -0.25, 5] } });
    expect((await loadModel(await modelFile(resealed))).main.biases).toEqual([1, -0.5, -0.25, 5]);
  });

  it("refuses a sealed model whose weight table does not fit its head, naming the file", async () => {
    const base = content();
    const wrongSize = sealModel({ ...base, main: { ...base.main, weights: base64([1, 2, 3]) } });
    const path = await modelFile(wrongSize);
    const error = await failureOf(path);
    expect(error.message).toMatch(
      new RegExp(`^${literal(path)}: classifier head over benign,jailbreak,injection,harmful: 3 weights`),
    );
    const wrongHeuristics = sealModel({ ...base, hazard: { ...base.hazard, heuristicWeights: [0, 0] } });
    expect((await failureOf(await modelFile(wrongHeuristics))).message).toContain("2 heuristic weights");
  });
});
