import { Counter, Histogram, Registry } from "prom-client";
import type { FailureKind } from "./failures.js";

/** What one proxied request adds to the metrics. */
export interface RequestRecord {
  readonly route: string;
  /** The request's final action (the stronger of the input check's and the output monitor's), `none` without a verdict. */
  readonly action: string;
  /** The category that weighed most in that verdict, `none` without one. */
  readonly category: string;
  readonly seconds: number;
  /** Why the request got an error instead of an answer, if it did. */
  readonly failure?: FailureKind;
}

/**
 * The proxy's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * several proxies in one process, as in the tests and the benchmark, keep separate counts.
 */
export class ProxyMetrics {
  private readonly registry = new Registry();

  private readonly requests = new Counter({
    name: "rampart_requests_total",
    help: "Requests by route, final action and leading category.",
    labelNames: ["route", "action", "category"],
    registers: [this.registry],
  });

  private readonly failures = new Counter({
    name: "rampart_failures_total",
    help: "Requests answered with an error instead of the model's answer, by route and kind (blocked, upstream_timeout, …).",
    labelNames: ["route", "kind"],
    registers: [this.registry],
  });

  private readonly halted = new Counter({
    name: "rampart_halted_streams_total",
    help: "Answers the output monitor halted, by route and leading category.",
    labelNames: ["route", "category"],
    registers: [this.registry],
  });

  private readonly checkSeconds = new Histogram({
    name: "rampart_guard_check_seconds",
    help: "Time the guard's input check took.",
    labelNames: ["route"],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [this.registry],
  });

  private readonly requestSeconds = new Histogram({
    name: "rampart_request_duration_seconds",
    help: "Whole request time through the proxy, to the last byte of a streamed answer.",
    labelNames: ["route", "action"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  recordCheck(route: string, micros: number): void {
    this.checkSeconds.observe({ route }, micros / 1e6);
  }

  recordRequest(record: RequestRecord): void {
    const { route, action, category } = record;
    this.requests.inc({ route, action, category });
    this.requestSeconds.observe({ route, action }, record.seconds);
    if (action === "halt") this.halted.inc({ route, category });
    if (record.failure !== undefined) this.failures.inc({ route, kind: record.failure });
  }

  /** The metrics in Prometheus' text format, with the content type to serve them under. */
  async render(): Promise<{ readonly body: string; readonly contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
