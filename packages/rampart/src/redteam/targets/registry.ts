import { createGuard, type Guard } from "@rampart/guard";
import type { Target } from "../types.js";
import { anthropicTarget } from "./anthropic-target.js";
import type { Env } from "./env.js";
import type { TransportOptions } from "./fetch-json.js";
import { guardTarget } from "./guard-target.js";
import { guarded } from "./guarded-target.js";
import { httpTarget } from "./http-target.js";
import { openAiTarget } from "./openai-target.js";
import { type ModelTargetSpec, parseTargetSpec, type TargetSpec } from "./spec.js";

/** What a target may need besides its description. */
export interface TargetOptions {
  /** The guard of `guard` and `guarded:` targets; the embedded default guard when left out. */
  readonly guard?: Guard;
  /** Transport defaults (timeouts, retries, the HTTP client); a spec's own timeoutMs and maxRetries win. */
  readonly transport?: TransportOptions;
  /** Fields for a `--target` string (see `parseTargetSpec`); ignored when `spec` is already parsed. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * Makes the target a spec describes: a `--target` string or a validated `TargetSpec`. API keys are
 * read from `env` (`process.env` at the CLI), from the variables the spec names, and from nowhere
 * else. Throws INPUT_INVALID for a bad description or an unset variable the spec relies on.
 */
export function targetFromSpec(spec: TargetSpec | string, env: Env, options: TargetOptions = {}): Target {
  const parsed = typeof spec === "string" ? parseTargetSpec(spec, options.settings) : spec;
  switch (parsed.kind) {
    case "guard":
      return guardTarget(options.guard ?? createGuard());
    case "guarded":
      return guarded(options.guard ?? createGuard(), modelTarget(parsed.inner, env, options.transport));
    default:
      return modelTarget(parsed, env, options.transport);
  }
}

function modelTarget(spec: ModelTargetSpec, env: Env, defaults: TransportOptions = {}): Target {
  const transport: TransportOptions = {
    ...defaults,
    ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
    ...(spec.maxRetries === undefined ? {} : { maxRetries: spec.maxRetries }),
  };
  switch (spec.kind) {
    case "openai":
      return openAiTarget(spec, env, transport);
    case "anthropic":
      return anthropicTarget(spec, env, transport);
    case "http":
      return httpTarget(spec, env, transport);
  }
}
