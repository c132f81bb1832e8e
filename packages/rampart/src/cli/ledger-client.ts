import { RampartError } from "@rampart/guard";
import { z } from "zod";
import { base64Hash } from "../ledger/attest/index.js";

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

/** Asks a log server for the proof that its tree of `second` entries extends the one of `first`. */
export async function fetchConsistency(baseUrl: string, first: number, second: number): Promise<Uint8Array[]> {
  const url = new URL(`ledger/v1/get-sth-consistency?first=${first}&second=${second}`, baseUrl.replace(/\/?$/, "/"));
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (cause) {
    throw new RampartError("INPUT_INVALID", `cannot reach the log at ${url.origin}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const text = await response.text();
  if (!response.ok)
    throw new RampartError(
      "INPUT_INVALID",
      `the log at ${url.origin} answered ${response.status}: ${text.slice(0, 200)}`,
    );
  return parseConsistencyProof(text);
}
