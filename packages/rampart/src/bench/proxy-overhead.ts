import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { createGuard, type Guard } from "@rampart/guard";
import autocannon from "autocannon";
import { startScriptedUpstream } from "../server/scripted-upstream.js";
import { startServer } from "../server/start-server.js";
import { describeMachine } from "./machine.js";
import { type Latency, latency } from "./metrics.js";

/** An answer of the length and texture a chat model gives: prose, a list, a little code. */
const ANSWER = [
  "Lisbon in May is a good choice: warm days, cool evenings, and the crowds of summer have not arrived yet. ",
  "With two children, three neighbourhoods work well.\n\n",
  "1. Baixa and Chiado: flat by Lisbon's standards, close to the river, the trams and most sights.\n",
  "2. Príncipe Real: quieter streets, a playground under a huge cedar, and good bakeries.\n",
  "3. Parque das Nações: modern, spacious, home to the Oceanarium, one of Europe's largest aquariums.\n\n",
  "Do not miss the 28 tram (go early, before the queues), the castle of São Jorge for the view, ",
  "a day trip to Sintra for its palaces and gardens, and pastéis de nata in Belém. ",
  "If you plan the days in a spreadsheet, a formula such as `=NETWORKDAYS(A2, B2)` counts the weekdays for museum visits, ",
  "since many museums close on Mondays. Book the Oceanarium online to skip the ticket line, ",
  "and keep a light jacket at hand for the evenings by the water.",
].join("");

/** Pieces about the size a model streams (a few tokens each). */
const CHUNK_CHARS = 20;

function pieces(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK_CHARS) out.push(text.slice(at, at + CHUNK_CHARS));
  return out;
}

/** `[<id>]` becomes a fresh id per request, so every request is a new conversation to the guard. */
function requestBody(stream: boolean): string {
  return JSON.stringify({
    model: "bench",
    stream,
    messages: [
      { role: "system", content: "You are a helpful travel assistant. Answer briefly and politely." },
      {
        role: "user",
        content:
          "We are planning a week in Lisbon in May with two children. Which neighbourhoods are good to stay in, and what should we not miss? (ticket [<id>])",
      },
    ],
  });
}

export interface ProxyOverheadOptions {
  /** Seconds per load run. */
  readonly durationSeconds: number;
  readonly connections: number;
  /**
   * Requests per second offered in the paced runs, over all connections: below what the proxy can
   * serve on average, so the event loop is not saturated (requests still arrive in bursts).
   */
  readonly pacedRate: number;
  /** Sequential streaming requests per side for time to first token. */
  readonly ttftRequests: number;
  /** Milliseconds between the upstream's pieces in the time-to-first-token runs, as a model streams. */
  readonly ttftPieceDelayMs: number;
  /** Answers pushed through a fresh monitor for the per-push cost. */
  readonly monitorAnswers: number;
}

export const DEFAULT_OPTIONS: ProxyOverheadOptions = {
  durationSeconds: 10,
  connections: 200,
  pacedRate: 200,
  ttftRequests: 200,
  ttftPieceDelayMs: 5,
  monitorAnswers: 400,
};

export interface LoadRun {
  readonly p50Millis: number;
  readonly p99Millis: number;
  readonly perSecond: number;
  /** Requests that failed, timed out or got a status other than 2xx: a run with any is not a fair comparison. */
  readonly failed: number;
}

export interface ProxyOverhead {
  readonly options: ProxyOverheadOptions;
  readonly answerChars: number;
  readonly pieces: number;
  /** As fast as the connections go: throughput, and latency that is mostly queueing. */
  readonly whole: { readonly direct: LoadRun; readonly proxied: LoadRun };
  readonly streamed: { readonly direct: LoadRun; readonly proxied: LoadRun };
  /** The same at `pacedRate` requests per second. */
  readonly pacedWhole: { readonly direct: LoadRun; readonly proxied: LoadRun };
  readonly pacedStreamed: { readonly direct: LoadRun; readonly proxied: LoadRun };
  readonly ttft: { readonly direct: Latency; readonly proxied: Latency };
  /** One monitor push of a CHUNK_CHARS piece. */
  readonly push: Latency;
  readonly pushes: number;
  /** The guard's share of one proxied request: the input check, and a whole answer through a monitor. */
  readonly check: Latency;
  readonly answer: Latency;
}

/**
 * The proxy's cost, against the same scripted upstream called directly: load at many concurrent
 * connections (autocannon, in a worker thread so it does not share the proxy's event loop), time to
 * first token one request at a time, and the output monitor's cost per streamed piece.
 */
export async function measureProxyOverhead(options: ProxyOverheadOptions = DEFAULT_OPTIONS): Promise<ProxyOverhead> {
  const guard = createGuard();
  const loadUpstream = await startUpstreamThread(pieces(ANSWER));
  const proxy = await startServer({ guard, port: 0, upstreams: { openai: loadUpstream.url } });
  const upstream = await startScriptedUpstream({ pieces: pieces(ANSWER), delayMs: options.ttftPieceDelayMs });
  const ttftProxy = await startServer({ guard, port: 0, upstreams: { openai: upstream.url } });
  try {
    const direct = `${loadUpstream.url}/v1/chat/completions`;
    const proxied = `${proxy.url}/v1/chat/completions`;
    // Warm-up: the first thousands of requests pay for JIT compilation and connection set-up; the
    // proxy's throughput was still rising after 2 s of load, so both kinds of request get 5 s.
    const warmUp = { ...options, durationSeconds: Math.min(5, options.durationSeconds) };
    await load(proxied, false, warmUp);
    await load(proxied, true, warmUp);
    const pair = async (stream: boolean, rate?: number) => ({
      direct: await load(direct, stream, options, rate),
      proxied: await load(proxied, stream, options, rate),
    });
    const whole = await pair(false);
    const streamed = await pair(true);
    const pacedWhole = await pair(false, options.pacedRate);
    const pacedStreamed = await pair(true, options.pacedRate);
    const ttft = await timeToFirstToken(
      `${upstream.url}/v1/chat/completions`,
      `${ttftProxy.url}/v1/chat/completions`,
      options.ttftRequests,
    );
    const guardCost = guardCosts(guard, options.monitorAnswers);
    return {
      options,
      answerChars: ANSWER.length,
      pieces: pieces(ANSWER).length,
      whole,
      streamed,
      pacedWhole,
      pacedStreamed,
      ttft,
      ...guardCost,
    };
  } finally {
    await proxy.close();
    await ttftProxy.close();
    await upstream.close();
    await loadUpstream.close();
  }
}

/** The scripted upstream on a worker thread (see upstream-worker.ts). */
async function startUpstreamThread(answer: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  // A worker thread runs compiled JavaScript: from the sources (under vitest) it takes the built copy.
  const entry = import.meta.url.endsWith(".ts") ? "../../dist/bench/upstream-worker.js" : "./upstream-worker.js";
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: { pieces: answer } });
  const [url] = (await once(worker, "message")) as [string];
  return {
    url,
    async close() {
      worker.postMessage("close");
      await once(worker, "exit");
    },
  };
}

async function load(url: string, stream: boolean, options: ProxyOverheadOptions, rate?: number): Promise<LoadRun> {
  const result = await autocannon({
    ...(rate === undefined ? {} : { overallRate: rate }),
    url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
    body: requestBody(stream),
    idReplacement: true,
    connections: options.connections,
    duration: options.durationSeconds,
    // Past saturation, requests queue for seconds: a long timeout measures that wait instead of counting it as a failure.
    timeout: 60,
    workers: 1,
  });
  return {
    p50Millis: result.latency.p50,
    p99Millis: result.latency.p99,
    perSecond: Math.round(result.requests.average),
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

/** Request sent to the first byte of the first chunk with content, one request at a time, the two sides taking turns. */
async function timeToFirstToken(direct: string, proxied: string, requests: number) {
  const times = { direct: [] as number[], proxied: [] as number[] };
  for (let i = 0; i < requests; i++) {
    times.direct.push(await firstToken(direct, i));
    times.proxied.push(await firstToken(proxied, i));
  }
  return { direct: latency(times.direct), proxied: latency(times.proxied) };
}

const CONTENT = /"content":"[^"]/;

/** Nanoseconds from sending the request to the first chunk that carries answer text. */
async function firstToken(url: string, i: number): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-bench" },
    body: requestBody(true).replace("[<id>]", `ttft-${i}`),
  });
  if (response.body === null) throw new Error(`${url} answered ${response.status} with no body`);
  const decoder = new TextDecoder();
  let seen = "";
  let first: bigint | undefined;
  for await (const chunk of response.body) {
    seen += decoder.decode(chunk, { stream: true });
    if (first === undefined && CONTENT.test(seen)) first = process.hrtime.bigint();
  }
  if (first === undefined) throw new Error(`${url} streamed no content (status ${response.status})`);
  return Number(first - started);
}

/**
 * The guard's own work per request, outside any server: the input check of a fresh conversation,
 * each `push` of one piece, and a whole answer (every push and the end) in a fresh monitor.
 */
function guardCosts(guard: Guard, answers: number) {
  const system = { role: "system" as const, content: "You are a helpful travel assistant." };
  const split = pieces(ANSWER);
  const checks: number[] = [];
  const pushes: number[] = [];
  const wholes: number[] = [];
  for (let a = 0; a < answers; a++) {
    const messages = [system, { role: "user" as const, content: `What should we see in Lisbon? (ticket ${a})` }];
    const checked = process.hrtime.bigint();
    guard.check(messages);
    checks.push(Number(process.hrtime.bigint() - checked));
    const monitor = guard.monitor({ messages, canary: "rampart-canary-0123456789abcdef" });
    const started = process.hrtime.bigint();
    for (const piece of split) {
      const before = process.hrtime.bigint();
      monitor.push(piece);
      pushes.push(Number(process.hrtime.bigint() - before));
    }
    monitor.end();
    wholes.push(Number(process.hrtime.bigint() - started));
  }
  return { check: latency(checks), push: latency(pushes), pushes: pushes.length, answer: latency(wholes) };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const added = (proxied: number, direct: number) =>
  `${proxied - direct >= 0 ? "+" : ""}${(proxied - direct).toFixed(2)} ms`;

export function renderProxyOverhead(result: ProxyOverhead): string {
  const machine = describeMachine();
  const o = result.options;
  const row = (name: string, run: { direct: LoadRun; proxied: LoadRun }) =>
    `| ${name} | ${ms(run.direct.p50Millis)} / ${ms(run.direct.p99Millis)} | ${ms(run.proxied.p50Millis)} / ${ms(run.proxied.p99Millis)} | ${added(run.proxied.p50Millis, run.direct.p50Millis)} / ${added(run.proxied.p99Millis, run.direct.p99Millis)} | ${run.direct.perSecond} → ${run.proxied.perSecond} | ${run.direct.failed + run.proxied.failed} |`;
  const micros = (n: number) => n / 1000;
  const t = result.ttft;
  return [
    "## Proxy overhead",
    "",
    `\`rampart serve\` against a scripted OpenAI-compatible upstream that answers ${result.answerChars} characters in ${result.pieces} pieces, called directly and through the proxy (default policy, bundled model, canary planted, every piece through the output monitor). Load: autocannon with ${o.connections} connections for ${o.durationSeconds} s per run, in a worker thread; the upstream in another worker thread, the proxy on the main thread. ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.load}.`,
    "",
    "| requests | direct p50 / p99 | proxied p50 / p99 | added p50 / p99 | requests/s | failed |",
    "|---|---|---|---|---|---|",
    row("whole answer, as fast as it goes", result.whole),
    row("streamed, as fast as it goes", result.streamed),
    row(`whole answer, ${o.pacedRate} requests/s`, result.pacedWhole),
    row(`streamed, ${o.pacedRate} requests/s`, result.pacedStreamed),
    "",
    `"As fast as it goes" saturates the server under test, so its latency is mostly queueing (connections ÷ throughput) and the ` +
      `throughput column is the comparison. The paced rows offer ${o.pacedRate} requests/s over the same ${o.connections} connections; ` +
      "autocannon paces each connection on its own, so the requests arrive in bursts of up to one per connection, and their added " +
      "latency includes draining a burst (a burst ÷ the proxy's throughput). A request alone pays what the time-to-first-token line shows.",
    "",
    `Time to first token, ${o.ttftRequests} streamed requests one at a time, the upstream pacing its pieces ${o.ttftPieceDelayMs} ms apart: direct p50 ${ms(micros(t.direct.p50Micros))}, p99 ${ms(micros(t.direct.p99Micros))}; proxied p50 ${ms(micros(t.proxied.p50Micros))}, p99 ${ms(micros(t.proxied.p99Micros))}; added p50 ${added(micros(t.proxied.p50Micros), micros(t.direct.p50Micros))}, p99 ${added(micros(t.proxied.p99Micros), micros(t.direct.p99Micros))}. The added time includes the first piece's tail that the monitor holds back until the next piece settles it.`,
    "",
    `Output monitor: ${result.push.p50Micros} µs per push at p50, ${result.push.p99Micros} µs at p99 (${result.pushes} pushes of ${CHUNK_CHARS}-character pieces); a whole ${result.pieces}-piece answer ${ms(micros(result.answer.p50Micros))} at p50. The input check of one request: ${ms(micros(result.check.p50Micros))} at p50. Together they are the guard's share of a proxied request; the rest is HTTP on both sides.`,
    "",
  ].join("\n");
}

/** The markdown section for the benchmark report. */
export async function proxyOverheadSection(options: ProxyOverheadOptions = DEFAULT_OPTIONS): Promise<string> {
  return renderProxyOverhead(await measureProxyOverhead(options));
}
