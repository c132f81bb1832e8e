import { ACTION_RANK, type Verdict } from "@rampart/guard";
import { plant } from "./canary.js";
import type { ChatApi } from "./chat-api.js";
import { failure, type ProxyFailure } from "./failures.js";
import { clientHeaders, upstreamHeaders } from "./headers.js";
import { httpFetch } from "./http-fetch.js";
import { OutputWatch } from "./output-watch.js";
import type { ProxyOptions } from "./proxy-options.js";
import { proxyStream, type StreamOutcome } from "./stream-proxy.js";
import { callUpstream, readBody } from "./upstream.js";
import { verdictRecord } from "./verdict-log.js";

/**
 * One guarded exchange: read the request, check it, forward it with a canary planted, and hand
 * the answer back through the output monitor. Every response after the check names the request's
 * verdict id in `x-rampart-verdict`, the id its verdict-log lines carry.
 */
export async function handleChat(api: ChatApi, options: ProxyOptions, request: Request): Promise<Response> {
  const exchange = new Exchange(api, options);
  const body = parseJson(await request.text());
  if (body === undefined) {
    return exchange.fail(failure("invalid_request", "Rampart could not read the request: the body is not valid JSON."));
  }
  const read = api.readRequest(body);
  if (!read.ok) return exchange.fail(failure("invalid_request", `Rampart could not read the request: ${read.message}`));

  // The conversation id lets the guard's trajectory layer add up risk across this conversation's requests.
  const conversation = request.headers.get("x-rampart-conversation");
  const input = options.guard.check(read.value.messages, conversation ? { conversation } : {});
  exchange.checked(input);
  if (ACTION_RANK[input.action] >= ACTION_RANK.block) {
    const categories = input.categories.length > 0 ? input.categories.join(", ") : "policy";
    const message = `Rampart blocked this request (${categories}); verdict ${exchange.id}.`;
    return exchange.fail(failure("blocked", message));
  }

  const planted = plant(read.value.messages);
  const abort = new AbortController();
  request.signal.addEventListener("abort", () => abort.abort(), { once: true });
  const timeoutMs = options.limits.upstreamTimeoutMs;
  const call = await callUpstream({
    url: upstreamUrl(options.upstreams[api.upstream], api.route, new URL(request.url).search),
    headers: upstreamHeaders(request.headers),
    body: JSON.stringify(read.value.withSystemAddition(planted.addition)),
    timeoutMs,
    abort,
    fetch: options.fetch ?? httpFetch,
  });
  if (!call.ok) return exchange.fail(call.failure);
  const upstream = call.response;
  const headers = exchange.headers(clientHeaders(upstream.headers));

  if (!upstream.ok) {
    const text = await readBody(upstream.body, timeoutMs, abort);
    if (!text.ok) return exchange.fail(text.failure);
    if (api.isErrorBody(parseJson(text.value))) {
      exchange.finish();
      return new Response(text.value, { status: upstream.status, headers });
    }
    const message = `Rampart: the upstream answered HTTP ${upstream.status} without an error in the API's shape.`;
    return exchange.fail(failure("upstream_status", message, upstream.status));
  }

  const watch = new OutputWatch(() =>
    options.guard.monitor({ messages: planted.messages, inputVerdict: input, canary: planted.canary }),
  );
  if (upstream.body !== null && (upstream.headers.get("content-type") ?? "").includes("text/event-stream")) {
    const stream = proxyStream({
      upstream: upstream.body,
      rewriter: api.rewriteStream(watch),
      errorEvent: api.errorEvent,
      idleMs: timeoutMs,
      abort,
      onEnd: (outcome) => exchange.streamEnded(watch.verdict, outcome),
    });
    return new Response(stream, { status: upstream.status, headers });
  }

  const text = await readBody(upstream.body, timeoutMs, abort);
  if (!text.ok) return exchange.fail(text.failure);
  const answer = parseJson(text.value);
  const rewritten =
    answer === undefined
      ? { ok: false as const, message: "the upstream's answer is not valid JSON" }
      : api.rewriteAnswer(answer, watch);
  if (!rewritten.ok) {
    return exchange.fail(
      failure("upstream_malformed", `Rampart could not read the upstream's answer: ${rewritten.message}.`),
    );
  }
  exchange.answered(watch.verdict);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(rewritten.value), { status: upstream.status, headers });
}

/** The answer to a body over `limits.maxBodyBytes`, counted like every other refusal. */
export function refuseTooLarge(api: ChatApi, options: ProxyOptions): Response {
  const limit = options.limits.maxBodyBytes;
  const message = `Rampart refused the request: the body is over the limit of ${limit} bytes (limits.maxBodyBytes).`;
  return new Exchange(api, options).fail(failure("too_large", message));
}

/** The upstream URL for a route: the base may end in `/v1` or not, as clients' base URLs do. */
export function upstreamUrl(base: string, route: string, search: string): string {
  return `${base.replace(/\/+$/, "").replace(/\/v1$/, "")}${route}${search}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request's id, clock, verdicts, and the single place its metrics and log lines are written. */
class Exchange {
  readonly id = crypto.randomUUID();
  private readonly started = performance.now();
  private input: Verdict | undefined;

  constructor(
    private readonly api: ChatApi,
    private readonly options: ProxyOptions,
  ) {}

  checked(verdict: Verdict): void {
    this.input = verdict;
    this.options.metrics.recordCheck(this.api.route, verdict.micros);
    this.options.verdictLog?.write(verdictRecord(this.id, this.api.route, "input", verdict));
  }

  headers(base = new Headers()): Headers {
    if (this.input !== undefined) {
      base.set("x-rampart-verdict", this.id);
      base.set("x-rampart-action", this.input.action);
    }
    return base;
  }

  fail(problem: ProxyFailure): Response {
    this.record(this.input, problem);
    const headers = this.headers();
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify(this.api.errorBody(problem)), { status: problem.status, headers });
  }

  answered(output: Verdict | undefined): void {
    if (output !== undefined) this.options.verdictLog?.write(verdictRecord(this.id, this.api.route, "output", output));
    this.record(stronger(this.input, output));
  }

  streamEnded(output: Verdict | undefined, outcome: StreamOutcome): void {
    if (output !== undefined) this.options.verdictLog?.write(verdictRecord(this.id, this.api.route, "output", output));
    this.record(stronger(this.input, output), typeof outcome === "object" ? outcome : undefined);
  }

  finish(): void {
    this.record(this.input);
  }

  private record(verdict: Verdict | undefined, problem?: ProxyFailure): void {
    this.options.metrics.recordRequest({
      route: this.api.route,
      action: verdict?.action ?? "none",
      category: verdict?.categories[0] ?? "none",
      seconds: (performance.now() - this.started) / 1000,
      ...(problem === undefined ? {} : { failure: problem.kind }),
    });
  }
}

function stronger(a: Verdict | undefined, b: Verdict | undefined): Verdict | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return ACTION_RANK[b.action] > ACTION_RANK[a.action] ? b : a;
}
