import { RampartError } from "@rampart/guard";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { rateLimiter } from "hono-rate-limiter";
import { z } from "zod";
import { SEVERITIES, sightingInputSchema, TLP_LABELS } from "../../exchange/model/advisory.js";
import type { Principal } from "../../exchange/repository/index.js";
import type { ExchangeService } from "../../exchange/service.js";
import { toStixBundle } from "../../exchange/stix/index.js";
import type { FeedHub } from "./feed-hub.js";
import { feedResponse } from "./feed-route.js";

export interface ExchangeLimits {
  /** Largest request body, in bytes (413 above). */
  readonly maxBodyBytes: number;
  /** Requests one API key (or, unauthenticated, one address) may make per window (429 above). */
  readonly requestsPerWindow: number;
  readonly windowMs: number;
}

export const EXCHANGE_DEFAULT_LIMITS: ExchangeLimits = {
  maxBodyBytes: 1024 * 1024,
  requestsPerWindow: 600,
  windowMs: 60_000,
};

export interface ExchangeApiOptions {
  readonly service: ExchangeService;
  readonly hub: FeedHub;
  readonly limits?: Partial<ExchangeLimits>;
}

type Env = { Variables: { principal: Principal | undefined } };

/** The exchange's routes, ready to mount at /exchange/v1. */
export type ExchangeRoutes = Hono<Env>;

const STATUS: Partial<Record<string, 400 | 401 | 403 | 404 | 409 | 413>> = {
  INPUT_INVALID: 400,
  KEY_INVALID: 400,
  ATTESTATION_INVALID: 400,
  INPUT_TOO_LARGE: 413,
  REPLAYED: 409,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  BAD_SIGNATURE: 403,
  WRONG_KEY: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

const seq = z
  .string()
  .regex(/^\d{1,15}$/, "a seq cursor (decimal)")
  .transform(Number);
const listQuery = z.strictObject({
  next: seq.optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .optional(),
  added_after: z.iso.datetime().optional(),
  tlp: z.enum(TLP_LABELS).optional(),
  severity: z.enum(SEVERITIES).optional(),
});
const searchQuery = z.strictObject({
  q: z.string().min(1).max(500),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .optional(),
});

/**
 * The exchange's HTTP API (mounted at /exchange/v1): signed submissions, reads in a TAXII-shaped
 * envelope paged by seq, search, sightings, the SSE feed and a STIX 2.1 export. Every read goes
 * through ExchangeService, and so through the one access function.
 */
export function exchangeRoutes(options: ExchangeApiOptions): ExchangeRoutes {
  const { service, hub } = options;
  const limits = { ...EXCHANGE_DEFAULT_LIMITS, ...options.limits };
  const app = new Hono<Env>();
  app.onError((error, c) => {
    if (error instanceof RampartError) {
      const status = STATUS[error.code];
      if (status !== undefined) return problem(c, status, error.code, error.message);
    }
    throw error;
  });
  app.use(async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) {
      c.set("principal", undefined);
      return next();
    }
    const key = /^Bearer (\S+)$/.exec(header)?.[1];
    const principal = key === undefined ? undefined : await service.repository.authenticate(key);
    if (principal === undefined) return problem(c, 401, "UNAUTHENTICATED", "The API key is unknown or revoked.");
    c.set("principal", principal);
    return next();
  });
  app.use(
    rateLimiter<Env>({
      windowMs: limits.windowMs,
      limit: limits.requestsPerWindow,
      standardHeaders: "draft-7",
      keyGenerator: (c) => c.get("principal")?.keyId ?? `address:${c.req.header("x-forwarded-for") ?? "local"}`,
      handler: (c) =>
        problem(
          c,
          429,
          "RATE_LIMITED",
          `At most ${limits.requestsPerWindow} requests per ${limits.windowMs / 1000} s per key.`,
        ),
    }),
  );
  const bounded = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: (c) => problem(c, 413, "INPUT_TOO_LARGE", `The body is over ${limits.maxBodyBytes} bytes.`),
  });

  app.post("/submissions", bounded, async (c) => {
    const principal = member(c);
    const envelope = await c.req.json().catch(() => {
      throw new RampartError("INPUT_INVALID", "The body is not JSON: send a DSSE envelope.");
    });
    // The write's NOTIFY wakes every node's feed, this one included.
    const record = await service.submit(principal, envelope);
    return c.json(service.viewAs(record, service.viewerOf(principal)), record.version === 1 ? 201 : 200);
  });
  app.get("/advisories", async (c) => {
    const query = parsed(listQuery, c.req.query());
    const page = await service.list({
      viewer: service.viewerOf(c.get("principal")),
      limit: query.limit ?? 100,
      ...(query.next === undefined ? {} : { after: query.next }),
      ...(query.added_after === undefined ? {} : { addedAfter: new Date(query.added_after) }),
      filters: {
        ...(query.tlp === undefined ? {} : { tlp: [query.tlp] }),
        ...(query.severity === undefined ? {} : { severity: [query.severity] }),
      },
    });
    return c.json(page, 200, { "content-type": "application/taxii+json;version=2.1" });
  });
  app.get("/advisories/:id", async (c) => {
    const view = await service.get(c.req.param("id"), service.viewerOf(c.get("principal")));
    if (view === undefined) return problem(c, 404, "NOT_FOUND", "No such advisory that you may see.");
    return c.json(view);
  });
  app.get("/advisories/:id/history", async (c) =>
    c.json({ objects: await service.history(c.req.param("id"), service.viewerOf(c.get("principal"))) }),
  );
  app.get("/advisories/:id/sightings", async (c) =>
    c.json({ objects: await service.sightings(c.req.param("id"), service.viewerOf(c.get("principal"))) }),
  );
  app.post("/advisories/:id/sightings", bounded, async (c) => {
    const input = parsed(sightingInputSchema, await c.req.json().catch(() => undefined));
    return c.json(await service.sight(member(c), c.req.param("id"), input), 201);
  });
  app.get("/search", async (c) => {
    const query = parsed(searchQuery, c.req.query());
    const objects = await service.search(query.q, service.viewerOf(c.get("principal")), query.limit ?? 50);
    return c.json({ objects });
  });
  app.get("/feed", (c) => {
    const resume = c.req.header("last-event-id") ?? c.req.query("after") ?? "0";
    const after = parsed(seq, resume);
    return feedResponse(c, hub, service.viewerOf(c.get("principal")), after);
  });
  app.get("/export/stix", async (c) => {
    const viewer = service.viewerOf(c.get("principal"));
    const advisories = (await service.fullViews(viewer)).filter((view) => view.tlp === "CLEAR" || view.tlp === "GREEN");
    const organisations = new Map(
      (await service.repository.listOrganisations()).map((org) => [org.id, { name: org.name }]),
    );
    const sightings = (await Promise.all(advisories.map((view) => service.repository.sightings(view.id)))).flat();
    return c.json(toStixBundle({ advisories, organisations, sightings }), 200, {
      "content-type": "application/stix+json;version=2.1",
    });
  });
  app.get("/organisations", async (c) => {
    member(c);
    const organisations = await service.repository.listOrganisations();
    return c.json({ objects: organisations.map(({ id, name, signingKey }) => ({ id, name, signingKey })) });
  });
  return app;
}

function member(c: Context<Env>): Principal {
  const principal = c.get("principal");
  if (principal === undefined) throw new RampartError("UNAUTHENTICATED", "Send an API key: Authorization: Bearer rk_…");
  return principal;
}

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new RampartError("INPUT_INVALID", `${issue.path.join(".") || "(request)"}: ${issue.message}`);
}

function problem(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 429, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}
