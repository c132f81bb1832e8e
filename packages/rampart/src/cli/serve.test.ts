import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedUpstream, startScriptedUpstream } from "../server/scripted-upstream.js";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";
import { serve } from "./serve.js";

let dir: string;
let upstream: ScriptedUpstream;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-serve-"));
  upstream = await startScriptedUpstream({ pieces: ["fine"] });
});

afterAll(async () => {
  await upstream.close();
});

async function run(argv: string[]) {
  const memory = memoryIo();
  const code = await main(argv, memory.io);
  return { code, stderr: memory.stderr() };
}

/** The URL `serve` announces on stderr once it listens. */
async function announced(stderr: () => string): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    const url = /guarding proxy on (http:\/\/\S+)/.exec(stderr())?.[1];
    if (url !== undefined) return url;
    await sleep(25);
  }
  throw new Error(`serve did not announce its URL; stderr: ${stderr()}`);
}

describe("rampart serve", { timeout: 15_000 }, () => {
  it("serves with the config file's settings, flags over them, until told to stop", async () => {
    const config = join(dir, "rampart.yaml");
    const policy = join(dir, "policy.yaml");
    await writeFile(policy, "allowList: []\n");
    await writeFile(
      config,
      [
        "port: 1",
        "upstreams:",
        "  openai: http://127.0.0.1:1",
        "policy: policy.yaml",
        "verdictLog: verdicts.jsonl",
      ].join("\n"),
    );
    const memory = memoryIo();
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const serving = serve({ config, port: 0, upstream: upstream.url }, memory.io, stopped);
    const url = await announced(memory.stderr);
    expect(memory.stderr()).toContain(`/v1/chat/completions -> ${upstream.url}`);

    const response = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-cli-test" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hello" }] }),
    });
    expect(await response.json()).toMatchObject({ choices: [{ message: { content: "fine" } }] });

    stop();
    expect(await serving).toBe(0);
    expect(memory.stderr()).toContain("shutting down");
    const log = await readFile(join(dir, "verdicts.jsonl"), "utf8");
    expect(log).toContain('"stage":"input"');
    expect(log).not.toContain("sk-cli-test");
  });

  it("exits 2 naming the file, line and field of a bad configuration", async () => {
    const config = join(dir, "bad.yaml");
    await writeFile(config, "host: 127.0.0.1\nlimits:\n  upstreamTimeoutMs: soon\n");
    const { code, stderr } = await run(["serve", "--config", config]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config}:3: limits.upstreamTimeoutMs: expected a positive whole number of milliseconds`);
  });

  it("exits 2 on a bad port or upstream URL", async () => {
    const port = await run(["serve", "--port", "http"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("expected a port number");
    const url = await run(["serve", "--upstream", "api.openai.com"]);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain("--upstream: expected an http:// or https:// URL");
  });
});
