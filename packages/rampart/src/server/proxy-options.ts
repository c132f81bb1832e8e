import type { Guard } from "@rampart/guard";
import type { UpstreamName } from "./chat-api.js";
import type { ExchangeRoutes } from "./exchange/routes.js";
import type { UpstreamFetch } from "./http-fetch.js";
import type { LedgerApiOptions } from "./ledger/routes.js";
import type { ProxyMetrics } from "./metrics.js";
import type { VerdictSink } from "./verdict-log.js";

export interface Limits {
  /** A request body over this many bytes is refused with 413. */
  readonly maxBodyBytes: number;
  /** The wait for the upstream's response headers, and the longest silence allowed mid-stream. */
  readonly upstreamTimeoutMs: number;
}

/** What the proxy's routes need; `startServer` builds it from the configuration. */
export interface ProxyOptions {
  readonly guard: Guard;
  /** Base URL of each upstream, with or without the trailing `/v1`. */
  readonly upstreams: Readonly<Record<UpstreamName, string>>;
  readonly limits: Limits;
  readonly metrics: ProxyMetrics;
  readonly verdictLog?: VerdictSink;
  /** How the upstream is called; tests pass a scripted one to stay off the network. */
  readonly fetch?: UpstreamFetch;
  /** Serve the transparency log's API under /ledger/v1 as well. */
  readonly ledger?: LedgerApiOptions;
  /** Serve an exchange node's API under /exchange/v1 as well. */
  readonly exchange?: ExchangeRoutes;
}
