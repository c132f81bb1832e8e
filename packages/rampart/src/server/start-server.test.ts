import { createGuard } from "@rampart/guard";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedUpstream, startScriptedUpstream } from "./scripted-upstream.js";
import { startServer } from "./start-server.js";

const guard = createGuard();
let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});

afterAll(async () => {
  await upstream.close();
});

function streamRequest(url: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "count" }], stream: true }),
  });
}

describe("startServer", { timeout: 10_000 }, () => {
  it("listens on the port asked for, 0 picking a free one, and refuses a port in use", async () => {
    const server = await startServer({ guard, port: 0, upstreams: { openai: upstream.url } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const port = Number(new URL(server.url).port);
      await expect(startServer({ guard, port })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+/);
    } finally {
      await server.close();
    }
  });

  it("refuses to start when the verdict log cannot be opened", async () => {
    await expect(startServer({ guard, port: 0, verdictLog: "/nonexistent/dir/verdicts.jsonl" })).rejects.toThrow(
      /cannot open the verdict log/,
    );
  });

  it("on close, stops accepting but lets a stream in flight finish", async () => {
    upstream.script({ pieces: ["a ", "b ", "c ", "d ", "e"], delayMs: 60 });
    const server = await startServer({ guard, port: 0, upstreams: { openai: upstream.url } });
    const response = await streamRequest(server.url);
    const closed = server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const body = await response.text();
    expect(body).toContain('"finish_reason":"stop"');
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    await closed;
  });

  it("closes a stream still running after the drain timeout, and the upstream call with it", async () => {
    upstream.script({ pieces: ["a ", "b"], fault: { after: 1, fault: "hang" } });
    const server = await startServer({
      guard,
      port: 0,
      upstreams: { openai: upstream.url },
      limits: { drainTimeoutMs: 200, upstreamTimeoutMs: 60_000 },
    });
    const response = await streamRequest(server.url);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(response.text()).rejects.toThrow();
    expect(await upstream.requests.at(-1)?.closedEarly).toBe(true);
  });
});
