import { RampartError } from "@rampart/guard";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { describeIssues, friendlyErrors, type LocatedIssue, toIssues } from "../io/issues.js";
import { lineOf } from "../io/locate.js";
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
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map(
      (error): LocatedIssue => ({
        code: error.code,
        path: [],
        message: `not valid YAML or JSON: ${error.message}`,
        line: lines.linePos(error.pos[0]).line,
      }),
    );
    throw new RampartError("INPUT_INVALID", describeIssues(name, issues).message);
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {}, { error: friendlyErrors });
  if (parsed.success) return parsed.data.redteam ?? {};
  const issues = toIssues(
    parsed.error,
    () => `unknown field; known: ${Object.keys(redteamConfigSchema.shape).join(", ")}`,
  ).map((issue): LocatedIssue => ({ ...issue, line: lineOf(doc, lines, issue.path) }));
  throw new RampartError("INPUT_INVALID", describeIssues(name, issues).message);
}
