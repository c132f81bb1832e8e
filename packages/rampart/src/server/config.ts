import { z } from "zod";
import { expected } from "../io/issues.js";
import { policySchema } from "../policy/schema.js";

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 8787,
  upstreams: { openai: "https://api.openai.com", anthropic: "https://api.anthropic.com" },
  limits: { maxBodyBytes: 4 * 1024 * 1024, upstreamTimeoutMs: 60_000, drainTimeoutMs: 10_000 },
} as const;

export const upstreamUrl = z
  .url({ protocol: /^https?$/, error: expected("expected an http:// or https:// URL") })
  .describe("Base URL, with or without the trailing /v1.");

const positiveInt = (what: string) =>
  z
    .number({ error: expected(`expected ${what}`) })
    .int({ error: expected(`expected ${what}`) })
    .positive({ error: expected(`expected ${what}`) });

const limitsSchema = z.strictObject({
  maxBodyBytes: positiveInt("a positive whole number of bytes")
    .optional()
    .describe(`A request body over this many bytes gets 413. Default ${DEFAULTS.limits.maxBodyBytes} (4 MiB).`),
  upstreamTimeoutMs: positiveInt("a positive whole number of milliseconds")
    .optional()
    .describe(
      `How long to wait for the upstream's response headers (then 504), and the longest silence allowed in the middle of a streamed answer (then the stream ends with an error event). Default ${DEFAULTS.limits.upstreamTimeoutMs}.`,
    ),
  drainTimeoutMs: positiveInt("a positive whole number of milliseconds")
    .optional()
    .describe(
      `On shutdown, how long answers still streaming may take to finish before their connections are closed. Default ${DEFAULTS.limits.drainTimeoutMs}.`,
    ),
});

/** `rampart.yaml`: every field optional; command-line flags override it. */
export const serverConfigSchema = z
  .strictObject({
    host: z
      .string({ error: expected("expected a host name or address") })
      .min(1, { error: expected("expected a host name or address") })
      .optional()
      .describe(`Address to listen on. Default ${DEFAULTS.host} (this machine only); 0.0.0.0 for every interface.`),
    port: z
      .number({ error: expected("expected a port number, 0 to 65535") })
      .int({ error: expected("expected a port number, 0 to 65535") })
      .min(0, { error: expected("expected a port number, 0 to 65535") })
      .max(65535, { error: expected("expected a port number, 0 to 65535") })
      .optional()
      .describe(`Port to listen on; 0 picks a free one. Default ${DEFAULTS.port}.`),
    upstreams: z
      .strictObject({
        openai: upstreamUrl
          .optional()
          .describe(`Where /v1/chat/completions goes. Default ${DEFAULTS.upstreams.openai}.`),
        anthropic: upstreamUrl.optional().describe(`Where /v1/messages goes. Default ${DEFAULTS.upstreams.anthropic}.`),
      })
      .optional()
      .describe("The APIs the proxy forwards to; OpenAI-compatible servers (vLLM, Ollama, …) go under `openai`."),
    policy: z
      .union([z.string().min(1), policySchema])
      .optional()
      .describe("The guard policy: a path to a policy file (relative to this file), or the policy itself."),
    verdictLog: z
      .string({ error: expected("expected a file path") })
      .min(1, { error: expected("expected a file path") })
      .optional()
      .describe("JSONL file each verdict is appended to (relative to this file). No log when left out."),
    limits: limitsSchema.optional().describe("Bounds on what one request may cost, and on shutting down."),
    redteam: z
      .unknown()
      .optional()
      .describe("Read by `rampart redteam --config` (target, strategies, categories, judge, …); see docs/redteam.md."),
  })
  .describe("Configuration of `rampart serve`, the guarding proxy.");

export type ServerConfig = z.infer<typeof serverConfigSchema>;
