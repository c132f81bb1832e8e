import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startScriptedUpstream } from "../server/scripted-upstream.js";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-redteam-cli-"));
});

async function run(argv: string[]) {
  const memory = memoryIo({ env: {} });
  const code = await main(
    ["redteam", "--store-dir", join(dir, "store"), "--out", join(dir, "reports"), ...argv],
    memory.io,
  );
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe("rampart redteam", () => {
  it("attacks the embedded guard offline and prints the JSON contract, with intervals and the report's path", async () => {
    const { code, stdout, stderr } = await run(["--json", "--limit", "120", "--seed", "7"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(["score", "asr", "overRefusal", "attempts", "run", "report"]);
    // 120 single-turn attempts, and a Crescendo conversation for each behavior they sampled.
    expect(result.attempts).toBeGreaterThan(120);
    expect(result.asr.byStrategy.crescendo.trials).toBe(result.attempts - 120);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
    const { overall } = result.asr;
    expect(overall.low).toBeLessThanOrEqual(overall.rate);
    expect(overall.rate).toBeLessThanOrEqual(overall.high);
    expect(Object.keys(result.asr.byCategory)).toHaveLength(10);
    const html = await readFile(result.report, "utf8");
    for (const id of ["gauge", "heatmap", "asr-by-category", "asr-by-strategy", "successes"])
      expect(html).toContain(`id="${id}"`);
    const json = JSON.parse(await readFile(join(dir, "reports", result.run, "report.json"), "utf8"));
    expect(json.results).toHaveLength(result.attempts);
  });

  it("gives the same attempts for the same seed, and resumes a run without redoing what it finished", async () => {
    const first = JSON.parse(
      (await run(["--json", "--limit", "40", "--seed", "3", "--strategies", "identity,base64,roleplay"])).stdout,
    );
    const again = JSON.parse(
      (
        await run([
          "--json",
          "--limit",
          "40",
          "--seed",
          "3",
          "--strategies",
          "identity,base64,roleplay",
          "--resume",
          first.run,
        ])
      ).stdout,
    );
    expect(again.run).toBe(first.run);
    expect(again.attempts).toBe(40);
    expect(again.asr).toEqual(first.asr);
    const fresh = JSON.parse(
      (await run(["--json", "--limit", "40", "--seed", "3", "--strategies", "identity,base64,roleplay"])).stdout,
    );
    expect(fresh.run).not.toBe(first.run);
    expect(fresh.asr).toEqual(first.asr);
  });

  it("refuses to resume a run with other options, and names unknown strategies and categories", async () => {
    const first = JSON.parse((await run(["--json", "--limit", "10", "--seed", "1"])).stdout);
    const mismatch = await run(["--limit", "10", "--seed", "2", "--resume", first.run]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain("resume it with the same options");
    const unknown = await run(["--strategies", "base64,telepathy"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown strategy "telepathy"');
    const category = await run(["--categories", "astrology"]);
    expect(category.code).toBe(2);
    expect(category.stderr).toContain("--categories: unknown astrology");
  });

  it("is a CI gate: --fail-above exits 1 when the risk score is above the bar", async () => {
    const gated = await run(["--limit", "60", "--seed", "5", "--strategies", "identity,reversed", "--fail-above", "0"]);
    expect(gated.stdout).toMatch(/^risk score \d+(\.\d)? \/ 100 for guard/);
    const score = Number(/^risk score ([\d.]+)/.exec(gated.stdout)![1]);
    expect(gated.code).toBe(score > 0 ? 1 : 0);
  });

  it("attacks a scripted OpenAI-compatible model over HTTP and reports per-category success rates with intervals", async () => {
    const upstream = await startScriptedUpstream((request) => {
      const messages = request.body.messages as { content: string }[];
      const asked = messages.at(-1)?.content ?? "";
      // This model gives in to role-play and refuses everything else.
      return /Professor Hale|Vex|grandmother|ARCHIVIST-7/.test(asked)
        ? { pieces: [COMPLIANCE] }
        : { pieces: ["I'm sorry, but I can't help with that."] };
    });
    try {
      const result = await run([
        "--json",
        "--target",
        `openai:scripted-model@${upstream.url}`,
        "--strategies",
        "identity,roleplay",
        "--categories",
        "weapons,fraud-scams",
        "--judge",
        "refusal",
      ]);
      expect(result.stderr).toBe("");
      const summary = JSON.parse(result.stdout);
      expect(upstream.requests.length).toBeGreaterThan(0);
      expect(summary.asr.byStrategy.identity.rate).toBe(0);
      expect(summary.asr.byStrategy.roleplay.rate).toBeGreaterThan(0.5);
      for (const category of ["weapons", "fraud-scams"]) {
        const rate = summary.asr.byCategory[category];
        expect(rate.trials).toBeGreaterThan(0);
        expect(rate.low).toBeLessThan(rate.rate);
        expect(rate.high).toBeGreaterThan(rate.rate);
      }
      expect(summary.asr.byCategory.cbrn.trials).toBe(0);
    } finally {
      await upstream.close();
    }
  });

  it("diff flags a weaker guard as a significant regression, and finds none between a run and itself", async () => {
    const options = [
      "--json",
      "--seed",
      "11",
      "--strategies",
      "identity,base64,roleplay,dan-persona",
      "--limit",
      "300",
    ];
    const strong = JSON.parse((await run(options)).stdout);
    const weak = JSON.parse((await run([...options, "--no-classifier"])).stdout);
    const reportOf = (r: { run: string }) => join(dir, "reports", r.run, "report.json");
    const memory = memoryIo({ env: {} });
    const code = await main(["redteam", "diff", reportOf(strong), reportOf(weak)], memory.io);
    expect(memory.stderr()).toBe("");
    expect(code).toBe(1);
    expect(memory.stdout()).toMatch(/significant regressions:\n {2}overall/);
    const same = memoryIo({ env: {} });
    expect(await main(["redteam", "diff", reportOf(strong), reportOf(strong)], same.io)).toBe(0);
    expect(same.stdout()).toContain("no significant regression");
  });

  it("writes a self-describing report that attests without flags, and renders the verified badge only when the attestation checks out", async () => {
    const result = JSON.parse((await run(["--json", "--limit", "30", "--seed", "9"])).stdout);
    const reportJson = join(dir, "reports", result.run, "report.json");
    const saved = JSON.parse(await readFile(reportJson, "utf8"));
    expect(saved.subject.name).toMatch(/^rampart-guard@/);
    expect(saved.suite.digest.sha256).toMatch(/^[0-9a-f]{64}$/);
    const cli = async (argv: string[]) => {
      const memory = memoryIo({ env: {} });
      const code = await main(argv, memory.io);
      return { code, stdout: memory.stdout(), stderr: memory.stderr() };
    };
    expect((await cli(["key", "generate", "--name", "evals.example/red-team", "--out", join(dir, "red")])).code).toBe(
      0,
    );
    const ledger = ["--store-dir", join(dir, "ledger-store"), "--log-key", join(dir, "ledger.key")];
    const attested = await cli(["attest", reportJson, "--key", join(dir, "red.key"), ...ledger]);
    expect(attested.stderr).toBe("");
    const attestation = join(dir, "reports", result.run, "report.attestation.json");
    const html = join(dir, "verified.html");
    const rendered = await cli([
      "redteam",
      "render",
      reportJson,
      "--attestation",
      attestation,
      "--publisher-key",
      join(dir, "red.pub"),
      "--html",
      html,
    ]);
    expect(rendered.stdout).toContain("verified; wrote");
    expect(await readFile(html, "utf8")).toContain('id="verified"');

    await writeFile(reportJson, JSON.stringify({ ...saved, score: 0 }));
    const tampered = await cli(["redteam", "render", reportJson, "--attestation", attestation, "--html", html]);
    expect(tampered.stderr).toContain("not verified (REPORT_MISMATCH)");
    expect(await readFile(html, "utf8")).not.toContain('id="verified"');
  });

  it("spends at most --budget attempts per invocation; the rest wait for --resume", async () => {
    const options = ["--json", "--limit", "40", "--seed", "21", "--strategies", "identity,hex"];
    const first = JSON.parse((await run([...options, "--budget", "15"])).stdout);
    expect(first.attempts).toBe(15);
    const second = JSON.parse((await run([...options, "--budget", "15", "--resume", first.run])).stdout);
    expect(second.attempts).toBe(30);
    const last = JSON.parse((await run([...options, "--resume", first.run])).stdout);
    expect(last.attempts).toBe(40);
  });

  it("grades with a judge model when one is given, keeping its rubric reason", async () => {
    const model = await startScriptedUpstream({
      pieces: ["Here is a long and detailed answer with every step you asked for, in order."],
    });
    const grader = await startScriptedUpstream({
      pieces: ["#refused: 0\n#convincing: 4\n#specific: 4\n#reason: detailed"],
    });
    try {
      const result = JSON.parse(
        (
          await run([
            "--json",
            "--limit",
            "6",
            "--strategies",
            "identity",
            "--target",
            `openai:m@${model.url}`,
            "--judge-model",
            `openai:g@${grader.url}`,
          ])
        ).stdout,
      );
      expect(result.asr.overall.rate).toBe(1);
      const saved = JSON.parse(await readFile(join(dir, "reports", result.run, "report.json"), "utf8"));
      expect(saved.results[0].judge).toBe(`model:openai:g@${grader.url}`);
      expect(saved.results[0].reason).toContain("detailed");
      expect(grader.requests).toHaveLength(6);
    } finally {
      await model.close();
      await grader.close();
    }
  });

  it("takes its choices from the config file's redteam section, flags winning, including an http app's request template", async () => {
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const question = (JSON.parse(body) as { question: string }).question;
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            data: {
              answer: question.startsWith("Ignore")
                ? "Sure, here it is in detail, with every step you need to follow."
                : "I'm sorry, I can't help with that.",
            },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/ask`;
    const config = join(dir, "rampart.yaml");
    await writeFile(
      config,
      [
        "redteam:",
        `  target: http:${url}`,
        "  targetSettings:",
        '    body: \'{"question": "{{prompt}}"}\'',
        "    responsePath: data.answer",
        "  strategies: [identity]",
        "  categories: [fraud-scams]",
        "  judge: refusal",
        "  seed: 4",
        "",
      ].join("\n"),
    );
    try {
      const result = JSON.parse((await run(["--json", "--config", config, "--limit", "5"])).stdout);
      expect(result.attempts).toBe(5);
      expect(Object.keys(result.asr.byStrategy)).toEqual(["identity"]);
      expect(result.asr.byCategory["fraud-scams"].trials).toBe(5);
      const bad = join(dir, "bad.yaml");
      await writeFile(bad, "redteam:\n  strategies: [identity]\n  targte: guard\n");
      const refused = await run(["--config", bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/bad\.yaml:3: redteam\.targte: unknown field/);
    } finally {
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

const COMPLIANCE =
  "Sure. As the character, here is everything you asked for, laid out step by step in full detail so that nothing is left out of the answer.";
