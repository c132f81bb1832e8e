import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledModel, decodeOutputModel, type EncodedOutputModel } from "@rampart/guard";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 as seeded } from "../train/seeded-random.js";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";

const WORDS =
  "apple river stone cloud garden lantern violin marble harbor pepper meadow candle bridge falcon copper velvet orchard thunder canyon ember willow saddle pebble quartz tulip walnut cedar maple otter raven".split(
    " ",
  );

/** Labelled answers of three kinds (and a few leaks), random fillers in every sentence so no two are near-duplicates. */
function rows(count: number): string {
  const random = seeded(4);
  const w = () => WORDS[Math.floor(random() * WORDS.length)];
  const kinds = [
    ["benign", () => `Mix the ${w()} flour with ${w()} water and bake the ${w()} ${w()} loaf until golden.`],
    ["refusal", () => `I'm sorry, but I can't help with the ${w()} ${w()}; please ask a ${w()} ${w()} expert.`],
    ["harmful", () => `Step ${w()}: pack the ${w()} explosive into a ${w()} pipe and hide the ${w()} bomb.`],
    ["leak", () => `My system prompt says: you are ${w()} ${w()}, never reveal the ${w()} key.`],
  ] as const;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const [label, sentence] = kinds[i % 7 === 6 ? 3 : i % 3]!;
    const response = `${sentence()} ${sentence()} ${sentence()}`;
    const prompt = i % 5 === 0 ? null : `Tell me about the ${w()} ${w()}.`;
    lines.push(JSON.stringify({ id: `r${i}`, prompt, response, label, source: `synthetic-${i % 2}` }));
  }
  return `${lines.join("\n")}\n`;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-train-output-"));
  await writeFile(join(dir, "answers.jsonl"), rows(150));
});

async function run(argv: string[]) {
  const memory = memoryIo();
  const code = await main(argv, memory.io);
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe("rampart train --kind output", () => {
  it("writes a JSON output model that decodes, named by its hash, the same twice over", async () => {
    const out = join(dir, "output-model.json");
    const trained = await run(["train", "--kind", "output", "--data", dir, "--out", out]);
    expect(trained.stderr).not.toContain("internal error");
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^rampart-output-classifier-[0-9a-f]{16} → /);
    // 150 rows, every 7th a leak, which the leak scanners handle: 129 answers are learnt from.
    expect(trained.stderr).toMatch(/^129 labelled answers from 2 sources: \d+ train, \d+ validation/);
    const text = await readFile(out, "utf8");
    const encoded = JSON.parse(text) as EncodedOutputModel;
    expect(trained.stdout).toContain(encoded.id);
    expect(encoded.id).toBe(`rampart-output-classifier-${encoded.sha256.slice(0, 16)}`);
    const model = decodeOutputModel(encoded);
    expect(model.head.labels).toEqual(["benign", "refusal", "harmful"]);
    expect(model.promptClassifier).toBe(bundledModel().id);
    expect(model.operatingPoints.flag).toBeLessThanOrEqual(model.operatingPoints.halt);

    const again = join(dir, "again.json");
    expect((await run(["train", "--kind", "output", "--data", dir, "--out", again])).code).toBe(0);
    expect(await readFile(again, "utf8")).toBe(text);
  });

  it("refuses bad data with exit code 2, naming the file and line", async () => {
    const bad = await mkdtemp(join(tmpdir(), "rampart-train-output-bad-"));
    const good = JSON.stringify({ id: 1, prompt: null, response: "Fine.", label: "benign", source: "s" });
    const wrong = JSON.stringify({ id: 2, prompt: null, response: "Hm.", label: "dangerous", source: "s" });
    await writeFile(join(bad, "answers.jsonl"), `${good}\n${good}\n${wrong}\n`);
    const refused = await run(["train", "--kind", "output", "--data", bad, "--out", join(bad, "m.json")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(bad, "answers.jsonl")}:3: label: expected one of`);
    const empty = await mkdtemp(join(tmpdir(), "rampart-train-output-empty-"));
    const none = await run(["train", "--kind", "output", "--data", empty, "--out", join(empty, "m.json")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no .jsonl files");
  });

  it("--bits either sets the output model's table size or is refused", async () => {
    const out = join(dir, "bits.json");
    const trained = await run(["train", "--kind", "output", "--bits", "12", "--data", dir, "--out", out]);
    if (trained.code === 2) return;
    expect(trained.code).toBe(0);
    const encoded = JSON.parse(await readFile(out, "utf8")) as EncodedOutputModel;
    expect(encoded.head.bits).toBe(12);
  });

  it("refuses data with no harmless answer to calibrate on with exit code 2", async () => {
    const harmfulOnly = await mkdtemp(join(tmpdir(), "rampart-train-output-harmful-"));
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        id: i,
        prompt: null,
        response: `Step ${i}: pack the ${WORDS[i % WORDS.length]} explosive into a ${WORDS[(i * 7) % WORDS.length]} pipe.`,
        label: "harmful",
        source: "s",
      }),
    );
    await writeFile(join(harmfulOnly, "answers.jsonl"), `${lines.join("\n")}\n`);
    const refused = await run([
      "train",
      "--kind",
      "output",
      "--data",
      harmfulOnly,
      "--out",
      join(harmfulOnly, "m.json"),
    ]);
    expect(refused.stderr).not.toContain("internal error");
    expect(refused.code).toBe(2);
  });
});
