import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";

let dir: string;
let first: string;
let second: string;
let policy: string;

// With a 50-character limit, the guard blocks exactly the long rows, whatever its detectors do.
const long = "word ".repeat(20);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-bench-"));
  policy = join(dir, "policy.yaml");
  await writeFile(policy, "maxInputChars: 50\n");
  first = join(dir, "first.jsonl");
  await writeFile(
    first,
    [
      { id: "a1", text: long, label: "attack", kind: "jailbreak", source: "alpha" },
      { id: "a2", text: "short", label: "attack", kind: "harmful", source: "alpha" },
      { id: "a3", text: "short", label: "benign", kind: "benign", source: "alpha" },
    ]
      .map((row) => JSON.stringify(row))
      .join("\n"),
  );
  second = join(dir, "second.jsonl");
  await writeFile(
    second,
    `${JSON.stringify({ id: "b1", text: long, label: "benign", kind: "benign", source: "beta" })}\n${JSON.stringify({
      id: "b2",
      text: long,
      label: "attack",
      kind: "jailbreak",
      source: "beta",
      messages: [{ role: "user", content: "short" }],
    })}\n`,
  );
});

async function bench(argv: string[]) {
  const memory = memoryIo();
  const code = await main(["bench", ...argv], memory.io);
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe("rampart bench", () => {
  it("prints one JSON object with overall, per-source and per-kind quality and latency", async () => {
    const { code, stdout, stderr } = await bench(["--json", "--policy", policy, first, second]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(["overall", "bySource", "byKind", "latency", "subject", "suite"]);
    // b2's conversation is screened, not its flattened text: a multi-turn row is judged on its messages.
    expect(result.overall).toEqual({ tpr: 0.3333, fpr: 0.5, tp: 1, fp: 1, tn: 1, fn: 2 });
    expect(result.bySource).toEqual({
      alpha: { tpr: 0.5, fpr: 0, tp: 1, fp: 0, tn: 1, fn: 1 },
      beta: { tpr: 0, fpr: 1, tp: 0, fp: 1, tn: 0, fn: 1 },
    });
    expect(Object.keys(result.byKind)).toEqual(["jailbreak", "harmful", "benign"]);
    expect(result.byKind.jailbreak).toEqual({ tpr: 0.5, fpr: null, tp: 1, fp: 0, tn: 0, fn: 1 });
    expect(Object.keys(result.latency)).toEqual(["p50Micros", "p90Micros", "p99Micros", "perSecond"]);
    for (const value of Object.values(result.latency)) expect(typeof value).toBe("number");
  });

  it("names what it measured by content, so the report can be attested: the guard and the suite", async () => {
    const report = async (...argv: string[]) => JSON.parse((await bench(["--json", ...argv])).stdout);
    const base = await report("--policy", policy, first, second);
    expect(base.subject.name).toMatch(/^rampart-guard@\d+\.\d+\.\d+/);
    expect(base.suite).toMatchObject({
      name: "labelled prompts (2 files)",
      digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const reordered = await report("--policy", policy, second, first);
    expect(reordered.suite).toEqual(base.suite);
    expect(reordered.subject).toEqual(base.subject);
    expect((await report("--policy", policy, first)).suite.digest).not.toEqual(base.suite.digest);
    expect((await report(first, second)).subject.digest).not.toEqual(base.subject.digest);
    expect((await report("--no-classifier", "--policy", policy, first, second)).subject.digest).not.toEqual(
      base.subject.digest,
    );
  });

  it("counts flags as detections with --at flag", async () => {
    const flagOnly = join(dir, "flag-only.yaml");
    await writeFile(
      flagOnly,
      "maxInputChars: 50\ncategories:\n  oversized-input:\n    - { threshold: 0.5, action: flag }\n",
    );
    const atBlock = JSON.parse((await bench(["--json", "--policy", flagOnly, first])).stdout);
    expect(atBlock.overall.tp).toBe(0);
    const atFlag = JSON.parse((await bench(["--json", "--at", "flag", "--policy", flagOnly, first])).stdout);
    expect(atFlag.overall.tp).toBe(1);
  });

  it("prints tables per source and per kind without --json", async () => {
    const { code, stdout } = await bench(["--policy", policy, first, second]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^source\s+TPR\s+FPR\s+tp\s+fp\s+tn\s+fn$/m);
    expect(stdout).toMatch(/^alpha\s+50\.0%\s+0\.0%\s+1\s+0\s+1\s+1$/m);
    expect(stdout).toMatch(/^jailbreak\s+50\.0%\s+-\s+1\s+0\s+0\s+1$/m);
    expect(stdout).toMatch(/latency: p50 [\d.]+ µs, p90 [\d.]+ µs, p99 [\d.]+ µs; \d+ prompts\/s on one core/);
  });

  it("reports a bad row with file, line and field, measures the rest, and exits 2", async () => {
    const bad = join(dir, "bad.jsonl");
    await writeFile(
      bad,
      `${JSON.stringify({ id: 1, text: "x", label: "attack", kind: "jailbreak", source: "s" })}\n${JSON.stringify({
        id: 2,
        text: "y",
        label: "malicious",
        kind: "jailbreak",
        source: "s",
      })}\n`,
    );
    const { code, stdout, stderr } = await bench(["--json", bad]);
    expect(stderr.trim()).toBe(`${bad}:2: label: expected attack|benign`);
    expect(JSON.parse(stdout).overall.fn + JSON.parse(stdout).overall.tp).toBe(1);
    expect(code).toBe(2);
  });

  it("exits 2 when there are no files or nothing to measure", async () => {
    expect((await bench([])).code).toBe(2);
    const empty = join(dir, "empty.jsonl");
    await writeFile(empty, "\n");
    const { code, stderr } = await bench([empty]);
    expect(code).toBe(2);
    expect(stderr).toContain("nothing to measure");
  });
});
