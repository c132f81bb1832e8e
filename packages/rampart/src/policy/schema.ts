import {
  ACTIONS,
  CATEGORIES,
  type Category,
  CLASSIFIER_ID,
  DEFAULT_POLICY,
  DETECTORS,
  type Detector,
  HAZARDS,
  OUTPUT_SCANNERS,
  TECHNIQUES,
  TRAJECTORY_ID,
} from "@rampart/guard";
import { z } from "zod";
import { expected } from "../io/issues.js";

const actionList = ACTIONS.join("|");
const registered: readonly Detector[] = DETECTORS;
// The learned classifier and the trajectory layer can be switched off like a heuristic detector.
const detectorIds = [
  ...registered.map((detector) => detector.id),
  CLASSIFIER_ID,
  TRAJECTORY_ID,
  ...OUTPUT_SCANNERS.map((s) => s.id),
];

const action = z.enum(ACTIONS, { error: expected(`expected one of ${actionList}`) });

const rule = z
  .strictObject({
    threshold: z
      .number({ error: expected("expected a number from 0 to 1") })
      .min(0, { error: expected("expected a number from 0 to 1") })
      .max(1, { error: expected("expected a number from 0 to 1") })
      .describe("Combined score of the category (0..1) at or above which the rule applies."),
    action: action.describe(`What the verdict becomes, at least, when the rule applies: ${actionList}.`),
  })
  .describe("When a category's combined score reaches `threshold`, the verdict is at least `action`.");

const rules = z.array(rule, { error: expected("expected a list of rules ({threshold, action})") });

function categoryTitle(category: Category): string {
  return category in HAZARDS
    ? HAZARDS[category as keyof typeof HAZARDS].title
    : TECHNIQUES[category as keyof typeof TECHNIQUES].title;
}

const categoryRules = z
  .strictObject(
    Object.fromEntries(
      CATEGORIES.map((category) => [
        category,
        rules.optional().describe(`Rules for ${categoryTitle(category)}; they replace the default rules for it.`),
      ]),
    ) as Record<Category, z.ZodOptional<typeof rules>>,
  )
  .describe("Rules per category (hazard or attack technique), replacing `defaultRules` for that category.");

const detectorId = z
  .string({ error: expected("expected a detector id (a string)") })
  .refine((id) => detectorIds.includes(id), {
    error: (issue) =>
      `unknown detector ${JSON.stringify(issue.input)}; known: ${detectorIds.length > 0 ? detectorIds.join(", ") : "(none registered)"}`,
  });

const trajectoryDefaults = DEFAULT_POLICY.trajectory;
export const trajectorySchema = z
  .strictObject({
    decay: z
      .number({ error: expected("expected a number from 0 up to, not including, 1") })
      .min(0, { error: expected("expected a number from 0 up to, not including, 1") })
      .lt(1, { error: expected("expected a number from 0 up to, not including, 1") })
      .optional()
      .describe(
        `Share of the conversation's risk kept from one turn to the next (total = decay × total + turn risk). Default ${trajectoryDefaults.decay}.`,
      ),
    threshold: z
      .number({ error: expected("expected a positive number") })
      .positive({ error: expected("expected a positive number") })
      .optional()
      .describe(
        `Conversation risk at which the conversation is an escalation (turn risks are on the policy's 0..1 scale). Default ${trajectoryDefaults.threshold}.`,
      ),
    action: z
      .enum(["flag", "block"], { error: expected("expected flag|block") })
      .optional()
      .describe(`What an escalation makes the verdict: flag|block. Default ${trajectoryDefaults.action}.`),
    maxConversations: z
      .number({ error: expected("expected a positive whole number") })
      .int({ error: expected("expected a positive whole number") })
      .positive({ error: expected("expected a positive whole number") })
      .optional()
      .describe(
        `Conversations remembered at once; the least recently seen is forgotten first. Default ${trajectoryDefaults.maxConversations}.`,
      ),
    ttlSeconds: z
      .number({ error: expected("expected a positive number of seconds") })
      .positive({ error: expected("expected a positive number of seconds") })
      .optional()
      .describe(
        `A conversation not seen for this many seconds is forgotten. Default ${trajectoryDefaults.ttlSeconds}.`,
      ),
  })
  .describe(
    "The trajectory layer: risk accumulated across a conversation's turns, so an escalation whose turns each pass is caught.",
  );

/** Mirrors the guard's `PolicyOverrides`: every field optional, unknown keys rejected. */
export const policySchema = z
  .strictObject({
    maxInputChars: z
      .number({ error: expected("expected a positive whole number") })
      .int({ error: expected("expected a positive whole number") })
      .positive({ error: expected("expected a positive whole number") })
      .optional()
      .describe(
        `Inputs longer than this (UTF-16 code units) are not scanned; they get \`oversizedAction\`. Default ${DEFAULT_POLICY.maxInputChars}.`,
      ),
    oversizedAction: action
      .optional()
      .describe(`What to do with an input over \`maxInputChars\`. Default ${DEFAULT_POLICY.oversizedAction}.`),
    maxOutputChars: z
      .number({ error: expected("expected a positive whole number") })
      .int({ error: expected("expected a positive whole number") })
      .positive({ error: expected("expected a positive whole number") })
      .optional()
      .describe(`Outputs longer than this are halted by the stream monitor. Default ${DEFAULT_POLICY.maxOutputChars}.`),
    disabledDetectors: z
      .array(detectorId, { error: expected("expected a list of detector ids") })
      .optional()
      .describe("Ids of detectors that do not run: heuristic detectors, or `classifier` for the learned layer."),
    defaultRules: rules.optional().describe("Rules for every category without rules of its own."),
    categories: categoryRules.optional(),
    allowList: z
      .array(z.string({ error: expected("expected a phrase (a string)") }), {
        error: expected("expected a list of phrases"),
      })
      .optional()
      .describe(
        "Phrases known to be fine here (case-insensitive): a signal whose spans all lie inside one is dropped.",
      ),
    trajectory: trajectorySchema.optional(),
  })
  .describe("A Rampart guard policy: overrides over the default policy.");

export const KNOWN_CATEGORIES_HINT = `known categories: ${CATEGORIES.join(", ")}`;
