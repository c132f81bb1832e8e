import { RampartError } from "@rampart/guard";
import { z } from "zod";
import { base64Hash, type LogWriter } from "../ledger/attest/index.js";

const consistencySchema = z.strictObject({ consistency: z.array(base64Hash).max(128) });

/** A consistency proof as the log's get-sth-consistency returns it: `{"consistency": [base64, …]}`. */
export function parseConsistencyProof(text: string): Uint8Array[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `the consistency proof is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = consistencySchema.safeParse(json);
  if (!parsed.success) {
    throw new RampartError(
      "INPUT_INVALID",
      `the consistency proof is not {"consistency": [base64 hashes]}: ${parsed.error.issues[0]!.message}`,
    );
  }
  return parsed.data.consistency.map((item) => new Uint8Array(Buffer.from(item, "base64")));
}

const addedSchema = z.object({
  leaf_index: z.number().int().nonnegative(),
  origin: z.string(),
  log_key: z.string(),
  tree_size: z.number().int().positive(),
  checkpoint: z.string(),
  audit_path: z.array(base64Hash).max(64),
});

/** A log server's add-entry, for attesting while the server holds the store. */
export function remoteLog(baseUrl: string): LogWriter {
  return {
    async append(envelope) {
      const text = await call(baseUrl, "ledger/v1/add-entry", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ envelope }),
      });
      const parsed = addedSchema.safeParse(parseJson(text, "the log's answer"));
      if (!parsed.success) {
        throw new RampartError(
          "INPUT_INVALID",
          `the log's add-entry answer is not what a Rampart log sends: ${parsed.error.issues[0]!.message}`,
        );
      }
      const added = parsed.data;
      return {
        origin: added.origin,
        logKey: added.log_key,
        index: added.leaf_index,
        treeSize: added.tree_size,
        checkpoint: added.checkpoint,
        inclusionProof: added.audit_path.map((hash) => new Uint8Array(Buffer.from(hash, "base64"))),
      };
    },
  };
}

/** Asks a log server for the proof that its tree of `second` entries extends the one of `first`. */
export async function fetchConsistency(baseUrl: string, first: number, second: number): Promise<Uint8Array[]> {
  return parseConsistencyProof(await call(baseUrl, `ledger/v1/get-sth-consistency?first=${first}&second=${second}`));
}

async function call(baseUrl: string, path: string, init: RequestInit = {}): Promise<string> {
  const url = new URL(path, baseUrl.replace(/\/?$/, "/"));
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `cannot reach the log at ${url.origin}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new RampartError(
      "INPUT_INVALID",
      `the log at ${url.origin} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return text;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `${what} is not JSON: ${(cause as Error).message}`, { cause });
  }
}
