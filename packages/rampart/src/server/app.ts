import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { CHAT_APIS } from "./apis/registry.js";
import { handleChat, refuseTooLarge } from "./chat-route.js";
import { ledgerRoutes } from "./ledger/routes.js";
import type { ProxyOptions } from "./proxy-options.js";

/**
 * The guarding proxy as a Hono app on Web-standard Request/Response: one route per chat API, plus
 * `/healthz`, `/metrics` and, given a log, the ledger API under `/ledger/v1`. `startServer` binds it to a socket; tests call `app.request()`.
 */
export function createProxyApp(options: ProxyOptions): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok", signatures: options.guard.signatureCount }));
  app.get("/metrics", async (c) => {
    const { body, contentType } = await options.metrics.render();
    return c.body(body, 200, { "content-type": contentType });
  });
  for (const api of CHAT_APIS) {
    app.post(
      api.route,
      bodyLimit({ maxSize: options.limits.maxBodyBytes, onError: () => refuseTooLarge(api, options) }),
      (c) => handleChat(api, options, c.req.raw),
    );
  }
  if (options.ledger !== undefined) app.route("/ledger/v1", ledgerRoutes(options.ledger));
  if (options.exchange !== undefined) app.route("/exchange/v1", options.exchange);
  app.notFound((c) => {
    const routes = [
      ...CHAT_APIS.map((api) => `POST ${api.route}`),
      ...(options.ledger === undefined ? [] : ["the log's /ledger/v1/*"]),
      ...(options.exchange === undefined ? [] : ["the exchange's /exchange/v1/*"]),
    ].join(", ");
    return c.json({ error: { message: `Rampart serves ${routes}, GET /healthz and GET /metrics.` } }, 404);
  });
  return app;
}
