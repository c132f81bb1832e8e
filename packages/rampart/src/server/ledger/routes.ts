import { RampartError } from "@rampart/guard";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { base64Hash, logEntryOf } from "../../ledger/attest/index.js";
import { type LedgerLog, MAX_ENTRY_BYTES } from "../../ledger/log/ledger-log.js";
import {
  decodeStatement,
  envelopeSchema,
  PAYLOAD_TYPE,
  type Verifier,
  verifyEnvelope,
} from "../../ledger/signing/index.js";

/** What the log's endpoints need: the log, and the publishers allowed to append to it. */
export interface LedgerApiOptions {
  readonly log: LedgerLog;
  /** Members' verifier keys: an entry is appended only when one of them signed its envelope. */
  readonly publishers: readonly Verifier[];
}

/** Most entries one get-entries call returns, so a monitor pages through a large log. */
export const MAX_ENTRIES_PER_PAGE = 256;

// Plain decimal digits only: z.coerce.number would read "" as 0 and take "0x10", "1e3" or " 7" as numbers.
const decimal = z
  .string()
  .regex(/^[0-9]+$/, "expected a decimal integer")
  .transform(Number);
const size = decimal.pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));
const index = decimal.pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));
const consistencyQuery = z.strictObject({ first: size, second: size });
const proofQuery = z.strictObject({ hash: base64Hash, tree_size: size });
const entriesQuery = z.strictObject({ start: index, end: index });
const addEntryBody = z.strictObject({ envelope: envelopeSchema });

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/**
 * The log's HTTP API, after RFC 9162 §5 and the CT v1 names, for auditors and members:
 * `POST add-entry`, `GET get-sth`, `GET checkpoint` (the C2SP note as text), `GET get-sth-consistency`,
 * `GET get-proof-by-hash`, `GET get-entries`.
 */
export function ledgerRoutes(options: LedgerApiOptions): Hono {
  const { log } = options;
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof RampartError && (error.code === "INPUT_INVALID" || error.code === "INPUT_TOO_LARGE")) {
      return problem(c, 400, error.code, error.message);
    }
    throw error;
  });
  app.post(
    "/add-entry",
    bodyLimit({
      maxSize: 2 * MAX_ENTRY_BYTES,
      onError: (c) => problem(c, 413, "INPUT_TOO_LARGE", `The body is over ${2 * MAX_ENTRY_BYTES} bytes.`),
    }),
    async (c) => {
      const body = addEntryBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success)
        return problem(c, 400, "INPUT_INVALID", `Expected {"envelope": DSSE envelope}: ${issueOf(body.error)}`);
      const checked = verifyEnvelope(body.data.envelope, options.publishers);
      // The body schema already holds the envelope's shape, so what is left to fail is whose signature it is.
      if (!checked.ok)
        return problem(c, 403, checked.code, `Only members' signed attestations are logged: ${checked.reason}`);
      if (checked.payloadType !== PAYLOAD_TYPE) {
        return problem(c, 400, "ATTESTATION_INVALID", `The envelope must carry ${PAYLOAD_TYPE}.`);
      }
      try {
        decodeStatement(checked.payload);
      } catch (error) {
        if (error instanceof RampartError) return problem(c, 400, error.code, error.message);
        throw error;
      }
      const appended = await log.append(logEntryOf(body.data.envelope));
      const head = await log.checkpoint();
      const proof = await log.inclusionProof(appended.index, head.size);
      return c.json({
        leaf_index: appended.index,
        leaf_hash: b64(appended.leafHash),
        duplicate: appended.duplicate,
        origin: log.origin,
        log_key: log.verifierKey,
        tree_size: head.size,
        checkpoint: head.note,
        audit_path: proof.map(b64),
      });
    },
  );
  app.get("/get-sth", async (c) => {
    const head = await log.checkpoint();
    return c.json({ tree_size: head.size, root_hash: b64(head.root), checkpoint: head.note, log_key: log.verifierKey });
  });
  app.get("/checkpoint", async (c) => c.text((await log.checkpoint()).note));
  app.get("/get-sth-consistency", async (c) => {
    const query = consistencyQuery.safeParse(c.req.query());
    if (!query.success) return problem(c, 400, "INPUT_INVALID", `Expected ?first=N&second=M: ${issueOf(query.error)}`);
    const proof = await log.consistencyProof(query.data.first, query.data.second);
    return c.json({ consistency: proof.map(b64) });
  });
  app.get("/get-proof-by-hash", async (c) => {
    const query = proofQuery.safeParse(c.req.query());
    if (!query.success)
      return problem(c, 400, "INPUT_INVALID", `Expected ?hash=BASE64&tree_size=N: ${issueOf(query.error)}`);
    const leaf = new Uint8Array(Buffer.from(query.data.hash, "base64"));
    const found = await log.indexOf(leaf);
    if (found === undefined || found >= query.data.tree_size) {
      return problem(
        c,
        404,
        "NOT_INCLUDED",
        `No entry with that leaf hash in the first ${query.data.tree_size} entries.`,
      );
    }
    const proof = await log.inclusionProof(found, query.data.tree_size);
    return c.json({ leaf_index: found, audit_path: proof.map(b64) });
  });
  app.get("/get-entries", async (c) => {
    const query = entriesQuery.safeParse(c.req.query());
    if (!query.success || query.data.end < query.data.start) {
      return problem(
        c,
        400,
        "INPUT_INVALID",
        "Expected ?start=I&end=J with start <= end (end inclusive, as in RFC 6962).",
      );
    }
    const end = Math.min(query.data.end + 1, query.data.start + MAX_ENTRIES_PER_PAGE);
    const entries = await log.entries(query.data.start, end);
    return c.json({ entries: entries.map((row) => ({ leaf_index: row.index, entry: b64(row.entry) })) });
  });
  return app;
}

function problem(c: Context, status: 400 | 403 | 404 | 413, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join(".") || "(body)"}: ${issue.message}`;
}
