import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Guard, RampartError } from "@rampart/guard";
import { createProxyApp } from "./app.js";
import type { UpstreamName } from "./chat-api.js";
import { DEFAULTS } from "./config.js";
import type { ExchangeRoutes } from "./exchange/routes.js";
import type { UpstreamFetch } from "./http-fetch.js";
import type { LedgerApiOptions } from "./ledger/routes.js";
import { ProxyMetrics } from "./metrics.js";
import type { Limits } from "./proxy-options.js";
import { openVerdictLog, type VerdictSink } from "./verdict-log.js";

export interface ServerOptions {
  readonly guard: Guard;
  readonly host?: string;
  /** 0 picks a free port; `url` says which. */
  readonly port?: number;
  readonly upstreams?: Partial<Record<UpstreamName, string>>;
  readonly limits?: Partial<Limits & { readonly drainTimeoutMs: number }>;
  /** JSONL file each verdict is appended to. */
  readonly verdictLog?: string;
  /** A verdict-log write failed after start-up; the proxy keeps serving. */
  readonly onLogError?: (error: Error) => void;
  readonly fetch?: UpstreamFetch;
  /** Also serve this transparency log's API under /ledger/v1. */
  readonly ledger?: LedgerApiOptions;
  /** Also serve an exchange node's API under /exchange/v1. */
  readonly exchange?: ExchangeRoutes;
}

export interface RunningServer {
  /** Where the proxy listens, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /**
   * Graceful shutdown: stops accepting connections, lets requests in flight finish (streams
   * included) for up to `limits.drainTimeoutMs`, then closes what is left and the verdict log.
   */
  close(): Promise<void>;
}

/** Starts the guarding proxy on a socket: the one place a real server is made, for the CLI and the tests alike. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limits = { ...DEFAULTS.limits, ...options.limits };
  const verdictLog: VerdictSink | undefined =
    options.verdictLog === undefined
      ? undefined
      : await openVerdictLog(options.verdictLog, options.onLogError ?? (() => {}));
  const app = createProxyApp({
    guard: options.guard,
    upstreams: { ...DEFAULTS.upstreams, ...options.upstreams },
    limits,
    metrics: new ProxyMetrics(),
    ...(verdictLog === undefined ? {} : { verdictLog }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.ledger === undefined ? {} : { ledger: options.ledger }),
    ...(options.exchange === undefined ? {} : { exchange: options.exchange }),
  });
  const host = options.host ?? DEFAULTS.host;
  const port = options.port ?? DEFAULTS.port;
  let server: Server;
  let address: AddressInfo;
  try {
    ({ server, address } = await listen(app.fetch, host, port));
  } catch (error) {
    await verdictLog?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("INPUT_INVALID", `cannot listen on ${host}:${port}: ${reason}`, { cause: error });
  }
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${address.port}`,
    close() {
      closing ??= drain(server, limits.drainTimeoutMs).then(() => verdictLog?.close());
      return closing;
    },
  };
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  hostname: string,
  port: number,
): Promise<{ server: Server; address: AddressInfo }> {
  return new Promise((resolve, reject) => {
    // Node's own Request and Response: a library has no business swapping the process's globals.
    const server = serve({ fetch, hostname, port, overrideGlobalObjects: false }) as Server;
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve({ server, address: server.address() as AddressInfo });
    });
  });
}

function drain(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    // A keep-alive connection whose answer finishes during the drain would otherwise stay open
    // until the client's idle timeout: close connections as they fall idle.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
  });
}

const IDLE_SWEEP_MS = 50;
