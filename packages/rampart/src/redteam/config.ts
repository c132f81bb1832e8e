import { z } from "zod";
import { parseYamlAgainst } from "../io/yaml-document.js";
import { HAZARDS } from "./types.js";

/** The `redteam:` section of rampart.yaml: the same choices as the flags, which override it. */
export const redteamConfigSchema = z
  .strictObject({
    target: z
      .string()
      .min(1)
      .optional()
      .describe("guard | guarded:<target> | openai:<model>[@<url>] | anthropic:… | http:<url>"),
    targetSettings: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "Fields of the target the spec string cannot carry: an http target's body, responsePath, headers; apiKeyEnv; timeoutMs.",
      ),
    strategies: z.array(z.string().min(1)).min(1).optional().describe("Strategy ids, composed with ∘ or +."),
    categories: z.array(z.enum(HAZARDS)).min(1).optional(),
    limit: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    concurrency: z.number().int().positive().optional(),
    judge: z.string().min(1).optional(),
    judgeModel: z.string().min(1).optional(),
    attacker: z.string().min(1).optional(),
    maxRounds: z.number().int().positive().optional(),
    budget: z.number().int().positive().optional(),
    tokenBudget: z.number().int().positive().optional(),
    failAbove: z.number().min(0).max(100).optional(),
    withPublicSets: z.boolean().optional(),
  })
  .describe("How `rampart redteam` attacks, when it is not all given as flags.");
export type RedteamConfig = z.infer<typeof redteamConfigSchema>;

const fileSchema = z.looseObject({ redteam: redteamConfigSchema.optional() });

/** Reads the `redteam:` section of a YAML or JSON file; every problem is `FILE:LINE: FIELD: what is wrong`. */
export function parseRedteamConfig(source: string, name: string): RedteamConfig {
  const file = parseYamlAgainst(
    source,
    name,
    fileSchema,
    () => `unknown field; known: ${Object.keys(redteamConfigSchema.shape).join(", ")}`,
  );
  return file.redteam ?? {};
}
