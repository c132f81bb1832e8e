import { readFile } from "node:fs/promises";
import { CLASSES, type ClassifierModel, decodeModel, HAZARDS, type Hazard, RampartError } from "@rampart/guard";
import { z } from "zod";
import { formatPath, friendlyErrors, toIssues } from "../io/issues.js";
import { modelDigest } from "./model-hash.js";

const finite = z.number().refine(Number.isFinite, { error: "expected a finite number" });
const probability = z.number().min(0).max(1);

function headSchema<const Labels extends readonly [string, ...string[]]>(labels: Labels) {
  return z
    .strictObject({
      labels: z.array(z.enum(labels)),
      bits: z.number().int().min(1).max(24),
      weights: z.string().describe("int8 weights, base64"),
      scales: z.array(finite),
      biases: z.array(finite),
      heuristicWeights: z.array(finite),
    })
    .refine((head) => head.scales.length === head.labels.length, {
      path: ["scales"],
      error: "expected one scale per label",
    })
    .refine((head) => head.biases.length === head.labels.length, {
      path: ["biases"],
      error: "expected one bias per label",
    });
}

const encodedModelSchema = z
  .strictObject({
    format: z.literal("rampart-classifier/1"),
    id: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    heuristics: z.array(z.string().min(1)),
    main: headSchema(CLASSES).refine((head) => head.labels.join() === CLASSES.join(), {
      path: ["labels"],
      error: `expected exactly ${CLASSES.join(", ")}, in that order`,
    }),
    hazard: headSchema(Object.keys(HAZARDS) as [Hazard, ...Hazard[]]),
    temperature: finite.refine((t) => t > 0, { error: "expected a positive number" }),
    operatingPoints: z
      .strictObject({ flag: probability, block: probability, chosenOn: z.string() })
      .refine((points) => points.flag <= points.block, { path: ["flag"], error: "expected flag <= block" }),
  })
  .refine((model) => model.id === `rampart-classifier-${model.sha256.slice(0, 16)}`, {
    path: ["id"],
    error: "expected rampart-classifier- followed by the first 16 hex digits of sha256",
  });

/**
 * Reads a model written by `rampart train --out model.json`. Throws a RampartError (MODEL_INVALID)
 * naming the file and what is wrong: not JSON, a field at fault, or a hash that does not match
 * the content (a model edited or damaged after training).
 */
export async function loadModel(path: string): Promise<ClassifierModel> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("MODEL_INVALID", `${path}: cannot read the model: ${reason}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("MODEL_INVALID", `${path}: not valid JSON: ${reason}`, { cause: error });
  }
  const parsed = encodedModelSchema.safeParse(json, { error: friendlyErrors });
  if (!parsed.success) {
    const lines = toIssues(parsed.error, () => "unknown field").map((issue) =>
      issue.path.length === 0 ? `${path}: ${issue.message}` : `${path}: ${formatPath(issue.path)}: ${issue.message}`,
    );
    throw new RampartError("MODEL_INVALID", lines.join("\n"));
  }
  const model = parsed.data;
  if (modelDigest(model) !== model.sha256) {
    throw new RampartError(
      "MODEL_INVALID",
      `${path}: the content does not match its sha256: the model was changed after training`,
    );
  }
  try {
    return decodeModel(model);
  } catch (error) {
    if (error instanceof RampartError)
      throw new RampartError("MODEL_INVALID", `${path}: ${error.message}`, { cause: error });
    throw error;
  }
}
