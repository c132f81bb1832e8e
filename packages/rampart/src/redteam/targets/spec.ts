import { RampartError } from "@rampart/guard";
import { z } from "zod";
import { expected, formatPath, friendlyErrors, toIssues } from "../../io/issues.js";
import { ANTHROPIC_BASE_URL } from "./anthropic-target.js";
import { OPENAI_BASE_URL } from "./openai-target.js";

/** The `--target` forms, as error messages list them. */
export const TARGET_FORMS = [
  "guard (the guard alone, offline)",
  "guarded:<target> (the guard in front of a model target)",
  "openai:<model>[@<baseUrl>] (OpenAI-compatible chat completions)",
  "anthropic:<model>[@<baseUrl>] (Anthropic Messages)",
  "http:<url> (any JSON app; body and responsePath from the configuration)",
] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: expected("expected an http:// or https:// URL") });
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: expected("expected the name of an environment variable") });
const positiveInt = z.int({ error: expected("expected a positive whole number") }).positive();

/** Bounds on each HTTP target's calls; the transport's defaults (60 s, 3 retries) when left out. */
const transport = {
  timeoutMs: positiveInt.optional().describe("Longest wait for one answer, in milliseconds. Default 60000."),
  maxRetries: z.int().min(0).max(10).optional().describe("Retries after a 429, a 5xx or a network failure. Default 3."),
};

const modelName = z.string().min(1, { error: "expected a model name" });

const guardSpec = z.strictObject({ kind: z.literal("guard") });

const openAiSpec = z.strictObject({
  kind: z.literal("openai"),
  model: modelName,
  baseUrl: httpUrl.default(OPENAI_BASE_URL),
  apiKeyEnv: envName.optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: positiveInt.optional(),
  ...transport,
});

const anthropicSpec = z.strictObject({
  kind: z.literal("anthropic"),
  model: modelName,
  baseUrl: httpUrl.default(ANTHROPIC_BASE_URL),
  apiKeyEnv: envName.optional(),
  temperature: z.number().min(0).max(1).optional(),
  maxTokens: positiveInt.optional(),
  ...transport,
});

const httpSpec = z.strictObject({
  kind: z.literal("http"),
  url: httpUrl,
  method: z.enum(["POST", "PUT", "PATCH"]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().min(1, { error: "expected a body template" }),
  responsePath: z.string().min(1, { error: "expected a path such as data.answer" }),
  ...transport,
});

/** A target the guard can stand in front of: a model or an app, never the guard itself. */
const modelSpec = z.discriminatedUnion("kind", [openAiSpec, anthropicSpec, httpSpec]);

const guardedSpec = z.strictObject({ kind: z.literal("guarded"), inner: modelSpec });

/** Every target, as `--target` or a configuration file's `target:` describes it. */
export const targetSpecSchema = z.discriminatedUnion("kind", [
  guardSpec,
  guardedSpec,
  openAiSpec,
  anthropicSpec,
  httpSpec,
]);

/** A validated target description. */
export type TargetSpec = z.output<typeof targetSpecSchema>;
/** A target the guard can guard. */
export type ModelTargetSpec = z.output<typeof modelSpec>;

/**
 * Parses a `--target` string; `settings` (from the configuration file) fill the fields the
 * string has no room for (an HTTP target's body and responsePath, an API key's variable, …) and
 * apply to the inner target of `guarded:`. Throws INPUT_INVALID, listing the forms, when the
 * string is none of them, and naming each wrong field when the description is incomplete.
 */
export function parseTargetSpec(text: string, settings: Readonly<Record<string, unknown>> = {}): TargetSpec {
  return validateTargetSpec(rawSpec(text.trim(), text, settings), `--target ${text}`);
}

/** Validates a target description from a configuration file; `where` names it in errors. */
export function validateTargetSpec(raw: unknown, where = "target"): TargetSpec {
  const parsed = targetSpecSchema.safeParse(raw, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error, () => "not a field of this target");
  const listed = issues.map((i) => (i.path.length === 0 ? i.message : `${formatPath(i.path)}: ${i.message}`));
  throw new RampartError("INPUT_INVALID", `${where}: ${listed.join("; ")}`);
}

function rawSpec(text: string, original: string, settings: Readonly<Record<string, unknown>>): object {
  if (text === "guard") return { ...settings, kind: "guard" };
  const colon = text.indexOf(":");
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? "" : text.slice(colon + 1);
  if ((kind === "http" || kind === "https") && rest.startsWith("//")) return unknown(original, "write http:<url>");
  switch (kind) {
    case "openai":
    case "anthropic": {
      const at = rest.indexOf("@");
      const model = at < 0 ? rest : rest.slice(0, at);
      return { ...settings, kind, model, ...(at < 0 ? {} : { baseUrl: rest.slice(at + 1) }) };
    }
    case "http":
      return { ...settings, kind, url: rest };
    case "guarded":
      if (rest === "guard" || rest.startsWith("guarded:")) {
        return unknown(original, "guarded: takes a model or app target, e.g. guarded:openai:<model>@<baseUrl>");
      }
      return { kind, inner: rawSpec(rest, original, settings) };
    default:
      return unknown(original);
  }
}

function unknown(text: string, hint?: string): never {
  const forms = TARGET_FORMS.map((form) => `  ${form}`).join("\n");
  throw new RampartError(
    "INPUT_INVALID",
    `--target ${JSON.stringify(text)} is not a target${hint === undefined ? "" : ` (${hint})`}; the forms are:\n${forms}`,
  );
}
