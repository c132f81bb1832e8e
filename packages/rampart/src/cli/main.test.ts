import { describe, expect, it } from "vitest";
import { DEMO_PROMPTS } from "./demo.js";
import { main } from "./main.js";
import { memoryIo } from "./memory-io.js";

async function run(argv: string[]) {
  const memory = memoryIo();
  const code = await main(argv, memory.io);
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe("rampart", () => {
  it("lists its commands with --help and exits 0", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const name of ["demo", "check", "explain", "bench"])
      expect(stdout).toMatch(new RegExp(`^\\s+${name}\\b`, "m"));
  });

  it("prints its version", async () => {
    const { code, stdout } = await run(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 on an unknown command or no command", async () => {
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await run([])).code).toBe(2);
  });

  it("demo screens every sample prompt and prints one row for each", async () => {
    const { code, stdout } = await run(["demo"]);
    expect(code).toBe(0);
    const rows = stdout.split("\n").filter((line) => /^\d+\s{2}/.test(line));
    expect(rows.map((row) => row.split(/\s{2,}/)[1])).toEqual(DEMO_PROMPTS.map((prompt) => prompt.name));
    expect(stdout).toContain("⟨tags:Ignore all");
  });
});
