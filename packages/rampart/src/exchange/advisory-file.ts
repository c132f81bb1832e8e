import { z } from "zod";
import { parseYamlAgainst } from "../io/yaml-document.js";
import { advisoryContentSchema, distributionSchema } from "./model/advisory.js";

/**
 * An advisory as a member writes it (YAML or JSON): recipients and groups may be named rather than
 * given by id, and signatures may be left out, to be made from the examples.
 */
export const advisoryFileSchema = z.strictObject({
  id: z.uuid().optional(),
  distribution: distributionSchema.extend({
    recipients: z.array(z.string().min(1)).max(500).default([]).describe("Organisation names or ids."),
    groups: z.array(z.string().min(1)).max(50).default([]).describe("Sharing-group ids."),
  }),
  content: advisoryContentSchema.extend({ signatures: advisoryContentSchema.shape.signatures.optional() }),
});
export type AdvisoryFile = z.output<typeof advisoryFileSchema>;

/** Reads an advisory file; every problem is reported as `FILE:LINE: FIELD: what is wrong`. */
export function parseAdvisoryFile(source: string, name: string): AdvisoryFile {
  return parseYamlAgainst(source, name, advisoryFileSchema, () => "unknown field");
}
