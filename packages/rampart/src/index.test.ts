import { createGuard } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { parseServerConfig, ServerConfigError, startServer } from "./index.js";

describe("the rampart package's entry", () => {
  it("starts the guarding proxy as a library and stops it", async () => {
    const server = await startServer({ guard: createGuard(), port: 0 });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("validates a proxy configuration, naming the line and field at fault", () => {
    expect(() => parseServerConfig("port: 99999\n", "rampart.yaml")).toThrow(ServerConfigError);
    expect(() => parseServerConfig("port: 99999\n", "rampart.yaml")).toThrow(/^rampart\.yaml:1: port: /);
  });
});
