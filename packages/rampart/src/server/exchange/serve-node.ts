import type { Server } from "node:http";
import { serve as listen } from "@hono/node-server";
import { Hono } from "hono";
import type { Store } from "../../store/index.js";
import { startExchangeNode } from "./exchange-node.js";

/** An exchange node on a socket, alone (without the guarding proxy). */
export async function serveNode(
  store: Store,
  host: string,
  port: number,
  requestsPerMinute: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const node = await startExchangeNode(store, { limits: { requestsPerWindow: requestsPerMinute, windowMs: 60_000 } });
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok", store: store.kind, feedReaders: node.hub.size }));
  app.route("/exchange/v1", node.routes);
  const server = await new Promise<Server>((resolve, reject) => {
    const started = listen({ fetch: app.fetch, hostname: host, port, overrideGlobalObjects: false }) as Server;
    started.once("listening", () => resolve(started));
    started.once("error", reject);
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://${host}:${bound}`,
    async close() {
      await node.close();
      // Feed readers hold their connections open for ever: end them, or close() would wait on them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
