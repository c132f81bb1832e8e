import { createGuard, type PolicyOverrides, RampartError } from "@rampart/guard";
import { type Command, InvalidArgumentError } from "commander";
import { loadPolicy } from "../policy/load.js";
import { DEFAULTS, type ServerConfig, upstreamUrl } from "../server/config.js";
import { loadServerConfig } from "../server/load-config.js";
import { startServer } from "../server/start-server.js";
import { type CommandContext, EXIT } from "./command.js";
import type { CliIo } from "./io.js";

export interface ServeFlags {
  readonly host?: string;
  readonly port?: number;
  readonly upstream?: string;
  readonly config?: string;
  readonly policy?: string;
  readonly verdictLog?: string;
}

export function registerServe(program: Command, context: CommandContext): void {
  program
    .command("serve")
    .description(
      "run the guarding proxy: OpenAI /v1/chat/completions and Anthropic /v1/messages, checked on the way in and monitored on the way out",
    )
    .option("--host <address>", `address to listen on (default ${DEFAULTS.host})`)
    .option("--port <number>", `port to listen on, 0 for any free one (default ${DEFAULTS.port})`, parsePort)
    .option("--upstream <url>", "base URL both APIs are forwarded to (overrides `upstreams` in the config)")
    .option("--config <file>", "rampart.yaml: host, port, upstreams, policy, verdictLog, limits")
    .option("--policy <file>", "policy file (YAML or JSON); overrides the config's policy")
    .option("--verdict-log <file>", "append each verdict to this JSONL file")
    .action(async (flags: ServeFlags) => {
      context.exitCode = await serve(flags, context.io, untilSignal());
    });
}

/**
 * Runs the proxy until `stop` settles, then shuts it down gracefully. Flags override the
 * configuration file, which overrides the defaults.
 */
export async function serve(flags: ServeFlags, io: CliIo, stop: Promise<unknown>): Promise<number> {
  const config: ServerConfig = flags.config === undefined ? {} : await loadServerConfig(flags.config);
  const upstream = flags.upstream === undefined ? undefined : checkedUpstream(flags.upstream);
  const upstreams = {
    ...DEFAULTS.upstreams,
    ...config.upstreams,
    ...(upstream ? { openai: upstream, anthropic: upstream } : {}),
  };
  const verdictLog = flags.verdictLog ?? config.verdictLog;
  const server = await startServer({
    guard: createGuard(await policyOf(flags, config)),
    host: flags.host ?? config.host ?? DEFAULTS.host,
    port: flags.port ?? config.port ?? DEFAULTS.port,
    upstreams,
    limits: { ...DEFAULTS.limits, ...config.limits },
    ...(verdictLog === undefined ? {} : { verdictLog }),
    onLogError: (error) => io.stderr.write(`rampart serve: cannot write the verdict log: ${error.message}\n`),
  });
  io.stderr.write(
    [
      `rampart serve: guarding proxy on ${server.url}`,
      `  POST ${server.url}/v1/chat/completions -> ${upstreams.openai}`,
      `  POST ${server.url}/v1/messages -> ${upstreams.anthropic}`,
      `  GET ${server.url}/healthz, ${server.url}/metrics`,
      "",
    ].join("\n"),
  );
  await stop;
  io.stderr.write("rampart serve: shutting down; answers in flight may finish\n");
  await server.close();
  return EXIT.ok;
}

async function policyOf(flags: ServeFlags, config: ServerConfig): Promise<PolicyOverrides> {
  if (flags.policy !== undefined) return loadPolicy(flags.policy);
  if (typeof config.policy === "string") return loadPolicy(config.policy);
  return config.policy ?? {};
}

function checkedUpstream(value: string): string {
  if (!upstreamUrl.safeParse(value).success) {
    throw new RampartError(
      "INPUT_INVALID",
      `--upstream: expected an http:// or https:// URL, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError("expected a port number, 0 to 65535.");
  }
  return port;
}

/** Resolves on the first SIGINT or SIGTERM; a second one gets Node's default and ends the process. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
