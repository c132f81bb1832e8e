import { CATEGORIES, type Category, DEFAULT_THRESHOLD, decodeMinHash, MINHASH_BINS } from "@rampart/guard";
import { z } from "zod";
import { expected } from "../io/issues.js";

const categories = CATEGORIES as readonly [Category, ...Category[]];

const common = {
  id: z
    .string({ error: expected("expected a non-empty string") })
    .min(1, { error: "expected a non-empty string" })
    .describe("Unique within the set; verdicts name the signature by it."),
  category: z
    .enum(categories, { error: expected("expected a known hazard or technique (see `rampart explain`)") })
    .describe("The hazard or attack technique a match is evidence of."),
  description: z
    .string({ error: expected("expected a string") })
    .describe("Why a match matters, shown in the verdict's reason: the template family or advisory id."),
};

const exactSignature = z
  .strictObject({
    ...common,
    kind: z.literal("exact"),
    sha256: z
      .string({ error: expected("expected 64 lowercase hex digits") })
      .regex(/^[0-9a-f]{64}$/, { error: "expected 64 lowercase hex digits" })
      .describe("SHA-256 (hex) of the UTF-8 of the canonical view's text."),
  })
  .describe("Matches an input whose canonical text is exactly the signed one.");

const fuzzySignature = z
  .strictObject({
    ...common,
    kind: z.literal("fuzzy"),
    minhash: z
      .string({ error: expected(`expected base64 of ${MINHASH_BINS} little-endian uint32 values`) })
      .refine((text) => decodeMinHash(text) !== undefined, {
        error: `expected base64 of ${MINHASH_BINS} little-endian uint32 values`,
      })
      .describe("MinHash sketch of the canonical view's word 3-shingles, as the guard's `minhash` computes it."),
    threshold: z
      .number({ error: expected("expected a number in (0, 1]") })
      .gt(0, { error: "expected a number in (0, 1]" })
      .max(1, { error: "expected a number in (0, 1]" })
      .optional()
      .describe(`Estimated Jaccard similarity at or above which an input matches; default ${DEFAULT_THRESHOLD}.`),
  })
  .describe("Matches inputs whose word shingles overlap the signed text's enough: edited variants of a template.");

/** One signature in the guard's format: the exchange ships these inside advisories. */
export const signatureSchema = z.discriminatedUnion("kind", [exactSignature, fuzzySignature], {
  error: expected('expected an object with kind "exact" or "fuzzy"'),
});

/** The JSON form of the guard's `SignatureSet`; unknown keys and repeated ids are errors. */
export const signatureSetSchema = z
  .strictObject({
    version: z.literal(1, { error: "expected 1, the only version there is" }).describe("Format version."),
    name: z
      .string({ error: expected("expected a non-empty string") })
      .min(1, { error: "expected a non-empty string" })
      .describe("What the set is, e.g. an exchange feed or `starter`."),
    signatures: z
      .array(signatureSchema, { error: expected("expected a list of signatures") })
      .superRefine((list, context) => {
        const first = new Map<string, number>();
        list.forEach((entry, index) => {
          const seen = first.get(entry.id);
          if (seen === undefined) first.set(entry.id, index);
          else
            context.addIssue({
              code: "custom",
              path: [index, "id"],
              message: `"${entry.id}" is already the id of signatures[${seen}]`,
            });
        });
      })
      .describe("Hashes and sketches of known attacks, never the prompts themselves."),
  })
  .describe("A set of known-attack signatures, as shipped with the guard or received from the exchange.");
