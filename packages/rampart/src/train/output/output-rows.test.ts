import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RampartError } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { readOutputRows } from "./output-rows.js";

function row(id: number | string, label: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, prompt: `question ${id}`, response: `answer ${id}`, label, source: "test", ...extra });
}

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rampart-output-rows-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function refusal(dir: string): Promise<RampartError> {
  const error = await readOutputRows(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RampartError);
  return error as RampartError;
}

describe("readOutputRows", () => {
  it("reads every .jsonl file in name order, each in line order, and skips blank lines and other files", async () => {
    const dir = await folder({
      "b.jsonl": `${row(3, "harmful")}\n\n${row("four", "leak", { secret: "s3cr3t" })}\n`,
      "a.jsonl": `${row(1, "benign", { prompt: null, model: "m", category: null, lang: "en" })}\n${row(2, "refusal")}`,
      "notes.txt": "not rows",
    });
    const rows = await readOutputRows(dir);
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      [1, "benign"],
      [2, "refusal"],
      [3, "harmful"],
      ["four", "leak"],
    ]);
    expect(rows[0]).toMatchObject({ prompt: null, response: "answer 1", source: "test", model: "m", lang: "en" });
    expect(rows[3]?.secret).toBe("s3cr3t");
  });

  it("fails on a bad line with its file, line, field and what was expected", async () => {
    const dir = await folder({ "rows.jsonl": `${row(1, "benign")}\n${row(2, "toxic")}\n${row(3, "benign")}\n` });
    const error = await refusal(dir);
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toBe(`${join(dir, "rows.jsonl")}:2: label: expected one of harmful|refusal|benign|leak`);
  });

  it("reports every problem of the line, one per line of the message", async () => {
    const line = JSON.stringify({ id: true, prompt: 3, label: "benign", source: "s" });
    const dir = await folder({ "x.jsonl": `\n${line}\n` });
    const lines = (await refusal(dir)).message.split("\n");
    const file = join(dir, "x.jsonl");
    expect(lines).toHaveLength(3);
    expect(lines).toContain(`${file}:2: id: expected a string or a number`);
    expect(lines).toContain(`${file}:2: response: required: expected string`);
    expect(lines.some((l) => l.startsWith(`${file}:2: prompt: expected string`))).toBe(true);
  });

  it("fails on a line that is not JSON", async () => {
    const dir = await folder({ "x.jsonl": `${row(1, "benign")}\n{"id": 2,\n` });
    const error = await refusal(dir);
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toMatch(/x\.jsonl:2: invalid JSON/);
  });

  it("fails with INPUT_INVALID when the folder has no .jsonl files or does not exist", async () => {
    const empty = await folder({ "README.md": "# nothing here" });
    const none = await refusal(empty);
    expect(none.code).toBe("INPUT_INVALID");
    expect(none.message).toContain("no .jsonl files");
    const missing = await refusal(join(empty, "missing"));
    expect(missing.code).toBe("INPUT_INVALID");
    expect(missing.message).toContain("cannot list");
  });
});
