import { createGuard, type PolicyOverrides, RampartError } from "@rampart/guard";
import { type Command, InvalidArgumentError } from "commander";
import { loadPolicy } from "../policy/load.js";
import { DEFAULTS, type ServerConfig, upstreamUrl } from "../server/config.js";
import { loadServerConfig } from "../server/load-config.js";
import { startServer } from "../server/start-server.js";
import { type CommandContext, EXIT } from "./command.js";
import type { CliIo } from "./io.js";
import { withLedgerOptions } from "./ledger-options.js";
import { type ServiceFlags, startServices } from "./serve-services.js";
import { untilSignal } from "./signals.js";

export interface ServeFlags extends ServiceFlags {
  readonly host?: string;
  readonly port?: number;
  readonly upstream?: string;
  readonly config?: string;
  readonly policy?: string;
  readonly verdictLog?: string;
}

export function registerServe(program: Command, context: CommandContext): void {
  const command = program
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
    .option("--ledger", "also serve the transparency log's API under /ledger/v1")
    .option(
      "--publisher-key <key|file...>",
      "a member's verifier key allowed to append attestations to the log (repeat for more); implies --ledger",
    )
    .option("--exchange-api", "also run an exchange node under /exchange/v1 (on the same store)")
    .option("--exchange <url>", "follow this exchange's feed: new signatures are hot-loaded into the guard")
    .option("--exchange-key <api-key>", "the member's API key for --exchange (default $RAMPART_EXCHANGE_KEY)");
  withLedgerOptions(command).action(async (flags: ServeFlags) => {
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
  const guard = createGuard(await policyOf(flags, config));
  const services = await startServices(flags, io, guard);
  const server = await startServer({
    guard,
    host: flags.host ?? config.host ?? DEFAULTS.host,
    port: flags.port ?? config.port ?? DEFAULTS.port,
    upstreams,
    limits: { ...DEFAULTS.limits, ...config.limits },
    ...(verdictLog === undefined ? {} : { verdictLog }),
    onLogError: (error) => io.stderr.write(`rampart serve: cannot write the verdict log: ${error.message}\n`),
    ...(services.ledger === undefined ? {} : { ledger: services.ledger }),
    ...(services.exchange === undefined ? {} : { exchange: services.exchange.routes }),
  }).catch(async (error: unknown) => {
    await services.close();
    throw error;
  });
  io.stderr.write(
    [
      `rampart serve: guarding proxy on ${server.url}`,
      `  POST ${server.url}/v1/chat/completions -> ${upstreams.openai}`,
      `  POST ${server.url}/v1/messages -> ${upstreams.anthropic}`,
      `  GET ${server.url}/healthz, ${server.url}/metrics`,
      ...services.describe(server.url),
      "",
    ].join("\n"),
  );
  await stop;
  io.stderr.write("rampart serve: shutting down; answers in flight may finish\n");
  await server.close();
  await services.close();
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
