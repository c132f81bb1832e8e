import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL(".", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("the guard package's boundary", () => {
  const files = sources(root);

  it("finds the guard's sources", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(root, f), f]))("%s imports only relative modules of the guard", (_name, file) => {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? "";
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
      const target = join(file, "..", specifier);
      expect(relative(root, target).startsWith(".."), `${file} reaches outside the guard: ${specifier}`).toBe(false);
    }
  });

  it("the guard's package.json declares no dependencies", () => {
    const manifest = JSON.parse(readFileSync(join(root, "..", "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });
});
