import { createGuard } from "@rampart/guard";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/test-store.testing.js";
import { startServer } from "../start-server.js";
import { startExchangeNode } from "./exchange-node.js";

let store: Store;
afterEach(async () => {
  await store.close();
});

describe("the exchange's limits and mounting", () => {
  it("answers 429 RATE_LIMITED past the requests one key (or address) may make in a window", async () => {
    store = await openTestStore("pglite");
    const node = await startExchangeNode(store, { limits: { requestsPerWindow: 3, windowMs: 60_000 } });
    const app = new Hono().route("/exchange/v1", node.routes);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request("/exchange/v1/advisories")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await app.request("/exchange/v1/advisories");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    await node.close();
  });

  it("is served by the guarding proxy too, when given a node (rampart serve --exchange-api)", async () => {
    store = await openTestStore("pglite");
    const node = await startExchangeNode(store);
    const server = await startServer({ guard: createGuard(), port: 0, exchange: node.routes });
    try {
      const page = await fetch(`${server.url}/exchange/v1/advisories`);
      expect(page.status).toBe(200);
      expect(await page.json()).toEqual({ more: false, objects: [] });
    } finally {
      await server.close();
      await node.close();
    }
  });
});
