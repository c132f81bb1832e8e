import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rampart-check-"));
});

async function run(argv: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const memory = memoryIo(options);
  const code = await main(argv, memory.io);
  const stdout = memory.stdout();
  return {
    code,
    stdout,
    stderr: memory.stderr(),
    verdicts: stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("rampart check", () => {
  it("screens a text argument and prints one verdict line with the contract's fields", async () => {
    const { code, verdicts, stderr } = await run(["check", "What is the capital of France?"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(verdicts).toHaveLength(1);
    expect(Object.keys(verdicts[0])).toEqual(["id", "action", "risk", "categories", "signals", "micros"]);
    expect(verdicts[0].id).toBe("1");
    expect(verdicts[0].signals).toBeInstanceOf(Array);
  });

  it("reads the text from stdin when there is no argument and stdin is piped", async () => {
    const long = `${"x".repeat(20)}\n`;
    const policy = await file("small.yaml", "maxInputChars: 20\n");
    const oversized = async (stdin: string) =>
      (await run(["check", "--policy", policy], { stdin })).verdicts[0].categories.includes("oversized-input");
    // The trailing newline is dropped, so 20 characters are within the limit…
    expect(await oversized(long)).toBe(false);
    // …and 21 are not.
    expect(await oversized(`x${long}`)).toBe(true);
  });

  it("refuses to wait on a terminal when given no text", async () => {
    const { code, stdout, stderr } = await run(["check"], { stdinIsTTY: true });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("give a text to check");
  });

  it("screens a JSONL file, reports each bad line with its number and field, and keeps going", async () => {
    const input = await file(
      "mixed.jsonl",
      [
        JSON.stringify({ id: 1, text: "hello" }),
        '{"id": 2, "text": "unterminated',
        JSON.stringify({ id: "three", messages: [{ role: "user", content: "hi" }] }),
        JSON.stringify({ id: 4 }),
        JSON.stringify({ id: 5, messages: [{ role: "wizard", content: "x" }] }),
        "",
        JSON.stringify({ id: 7, text: "bye", label: "benign", source: "extra fields are fine" }),
        "",
      ].join("\n"),
    );
    const { code, verdicts, stderr } = await run(["check", "--input", input]);
    expect(verdicts.map((v) => v.id)).toEqual([1, "three", 7]);
    const problems = stderr.trim().split("\n");
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${escapeRegExp(input)}:2: invalid JSON`)),
      `${input}:4: text: required: expected text (a string) or messages (an array of {role, content})`,
      `${input}:5: messages[0].role: expected one of system|user|assistant|tool`,
    ]);
    expect(code).toBe(2);
  });

  it("reports a line of invalid UTF-8 and still screens the lines around it", async () => {
    const encoder = new TextEncoder();
    const bytes = new Uint8Array([
      ...encoder.encode(`${JSON.stringify({ id: "a", text: "héllo 🙂" })}\r\n`),
      ...encoder.encode('{"id": "b", "text": "caf'),
      0xc3, // a lead byte with no continuation
      ...encoder.encode('"}\n'),
      ...encoder.encode(`${JSON.stringify({ id: "c", text: "ok" })}\n`),
    ]);
    const input = await file("utf8.jsonl", bytes);
    const { code, verdicts, stderr } = await run(["check", "--input", input]);
    expect(verdicts.map((v) => v.id)).toEqual(["a", "c"]);
    expect(stderr.trim()).toBe(`${input}:2: invalid UTF-8: the line is not text`);
    expect(code).toBe(2);
  });

  it("reads JSONL from stdin with --input -", async () => {
    const stdin = `${JSON.stringify({ id: 1, text: "a" })}\nnot json\n`;
    const { code, verdicts, stderr } = await run(["check", "--input", "-"], { stdin });
    expect(verdicts.map((v) => v.id)).toEqual([1]);
    expect(stderr).toMatch(/^<stdin>:2: invalid JSON/);
    expect(code).toBe(2);
  });

  it("exits 1 with --fail-on when a verdict reaches that action, 0 when none does", async () => {
    const oversized = "a".repeat(256 * 1024 + 1);
    const blocked = await run(["check", "--fail-on", "block", oversized]);
    expect(blocked.verdicts[0].action).toBe("block");
    expect(blocked.verdicts[0].categories).toEqual(["oversized-input"]);
    expect(blocked.code).toBe(1);
    expect((await run(["check", "--fail-on", "flag", oversized])).code).toBe(1);
    expect((await run(["check", "--fail-on", "halt", oversized])).code).toBe(0);
    expect((await run(["check", "--fail-on", "flag", "hello"])).code).toBe(0);
  });

  it("exits 2 on an unknown flag, a bad --fail-on value, or a text and --input together", async () => {
    const unknown = await run(["check", "--frobnicate", "hello"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
    expect(unknown.stdout).toBe("");
    const badAction = await run(["check", "--fail-on", "explode", "hello"]);
    expect(badAction.code).toBe(2);
    expect(badAction.stderr).toContain("explode");
    expect((await run(["check", "--input", "x.jsonl", "hello"])).code).toBe(2);
  });

  it("exits 2 naming the file for an unreadable input or a bad policy", async () => {
    const missing = await run(["check", "--input", join(dir, "missing.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, "missing.jsonl")}: cannot read the input`);
    const policy = await file("bad.yaml", "maxInputChars: 10\noversizedAction: explode\n");
    const bad = await run(["check", "--policy", policy, "hello"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`${policy}:2: oversizedAction: expected one of allow|flag|redact|block|halt\n`);
    expect(bad.stdout).toBe("");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("rampart check --signatures", () => {
  it("uses the given set, and exits 2 naming the file and field when it is malformed", async () => {
    const empty = await file("empty-set.json", JSON.stringify({ version: 1, name: "none", signatures: [] }));
    const ok = await run(["check", "--signatures", empty, "hello"]);
    expect(ok.code).toBe(0);
    expect(ok.verdicts).toHaveLength(1);
    const bad = await file(
      "bad-set.json",
      JSON.stringify({ version: 1, name: "x", signatures: [{ id: "a", kind: "exact" }] }),
    );
    const refused = await run(["check", "--signatures", bad, "hello"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`${bad}:1: signatures[0].`);
  });
});
