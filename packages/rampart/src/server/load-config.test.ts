import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serverConfigSchema } from "./config.js";
import { loadServerConfig, parseServerConfig, ServerConfigError } from "./load-config.js";

function failureOf(source: string): ServerConfigError {
  try {
    parseServerConfig(source, "rampart.yaml");
  } catch (error) {
    if (error instanceof ServerConfigError) return error;
    throw error;
  }
  throw new Error("expected the configuration to be refused");
}

describe("rampart.yaml", () => {
  it("loads the example, with its relative paths made absolute against its folder", async () => {
    const example = fileURLToPath(new URL("../../../../examples/rampart.yaml", import.meta.url));
    const config = await loadServerConfig(example);
    const folder = fileURLToPath(new URL("../../../../examples/", import.meta.url));
    expect(config).toMatchObject({ host: "127.0.0.1", port: 8787, upstreams: { openai: "https://api.openai.com" } });
    expect(config.policy).toBe(join(folder, "policy.yaml"));
    expect(config.verdictLog).toBe(join(folder, "verdicts.jsonl"));
  });

  it("takes an inline policy", () => {
    const config = parseServerConfig("policy:\n  allowList: [hello]\n  maxOutputChars: 100\n", "rampart.yaml");
    expect(config.policy).toEqual({ allowList: ["hello"], maxOutputChars: 100 });
  });

  it("names the file, line and field of every problem", () => {
    const error = failureOf(
      [
        "port: 99999",
        "upstreams:",
        "  openai: ftp://example.com",
        "  mistral: https://x",
        "limits:",
        "  maxBodyBytes: -1",
      ].join("\n"),
    );
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message.split("\n")).toEqual([
      "rampart.yaml:1: port: expected a port number, 0 to 65535",
      "rampart.yaml:3: upstreams.openai: expected an http:// or https:// URL",
      "rampart.yaml:4: upstreams.mistral: unknown upstream; known: openai, anthropic",
      "rampart.yaml:6: limits.maxBodyBytes: expected a positive whole number of bytes",
    ]);
  });

  it("reports a mistake inside an inline policy at its own path", () => {
    const error = failureOf(
      ["host: localhost", "policy:", "  categories:", "    jailbreak:", "      - { threshold: 2, action: flag }"].join(
        "\n",
      ),
    );
    expect(error.message).toBe(
      "rampart.yaml:5: policy.categories.jailbreak[0].threshold: expected a number from 0 to 1",
    );
    expect(failureOf("policy:\n  colour: red\n").message).toMatch(
      /^rampart\.yaml:2: policy\.colour: unknown field; known: .*allowList/,
    );
    expect(failureOf("policy: 5\n").message).toBe(
      "rampart.yaml:1: policy: expected a path to a policy file (a string) or a policy (a mapping)",
    );
  });

  it("rejects unknown fields and bad YAML", () => {
    expect(failureOf("hots: 0.0.0.0\n").message).toMatch(/^rampart\.yaml:1: hots: unknown field; known: host, port/);
    expect(failureOf("limits:\n  timeout: 5\n").message).toMatch(/limits\.timeout: unknown field; known: maxBodyBytes/);
    expect(failureOf("port: [1\n").message).toMatch(/^rampart\.yaml:\d+: not valid YAML/);
  });

  it("says when the file cannot be read", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rampart-config-"));
    await expect(loadServerConfig(join(folder, "missing.yaml"))).rejects.toThrow(
      /missing\.yaml: cannot read the configuration/,
    );
    await writeFile(join(folder, "empty.yaml"), "");
    await expect(loadServerConfig(join(folder, "empty.yaml"))).resolves.toEqual({});
  });

  it("has every field in docs/proxy.md", async () => {
    const docs = await readFile(fileURLToPath(new URL("../../../../docs/proxy.md", import.meta.url)), "utf8");
    const nested = (name: "upstreams" | "limits") =>
      Object.keys(serverConfigSchema.shape[name].unwrap().shape).map((key) => `${name}.${key}`);
    const leaves = Object.keys(serverConfigSchema.shape).filter((key) => key !== "upstreams" && key !== "limits");
    const fields = [...leaves, ...nested("upstreams"), ...nested("limits")];
    for (const field of fields) expect(docs).toContain(`| \`${field}\` |`);
  });

  it("describes every field, for the docs", () => {
    const fields = [
      ...Object.values(serverConfigSchema.shape),
      ...Object.values(serverConfigSchema.shape.upstreams.unwrap().shape),
      ...Object.values(serverConfigSchema.shape.limits.unwrap().shape),
    ];
    for (const field of fields) expect(field.description).toBeTruthy();
  });
});
