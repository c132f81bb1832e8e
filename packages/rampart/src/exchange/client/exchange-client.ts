import { RampartError } from "@rampart/guard";
import type { Envelope } from "../../ledger/signing/index.js";
import type { AdvisoryView, SightingInput, SightingRecord } from "../model/advisory.js";
import type { Page } from "../service.js";

/** An organisation as the exchange lists it to members. */
export interface Listed {
  readonly id: string;
  readonly name: string;
  readonly signingKey: string;
}

/** A member's HTTP client for an exchange node: what the CLI's publish, list, get and sight use. */
export class ExchangeClient {
  private readonly base: string;

  constructor(
    url: string,
    private readonly apiKey: string | undefined,
  ) {
    this.base = `${url.replace(/\/+$/, "")}/exchange/v1/`;
  }

  organisations(): Promise<{ objects: Listed[] }> {
    return this.call("organisations");
  }

  submit(envelope: Envelope): Promise<AdvisoryView> {
    return this.call("submissions", { method: "POST", body: JSON.stringify(envelope) });
  }

  list(query: { next?: string; limit?: number } = {}): Promise<Page> {
    const params = new URLSearchParams();
    if (query.next !== undefined) params.set("next", query.next);
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    return this.call(`advisories${params.size > 0 ? `?${params}` : ""}`);
  }

  get(id: string): Promise<AdvisoryView> {
    return this.call(`advisories/${encodeURIComponent(id)}`);
  }

  sight(id: string, input: SightingInput): Promise<SightingRecord> {
    return this.call(`advisories/${encodeURIComponent(id)}/sightings`, { method: "POST", body: JSON.stringify(input) });
  }

  search(q: string): Promise<{ objects: AdvisoryView[] }> {
    return this.call(`search?${new URLSearchParams({ q })}`);
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const url = new URL(path, this.base);
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: {
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...(this.apiKey === undefined ? {} : { authorization: `Bearer ${this.apiKey}` }),
        },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (cause) {
      throw new RampartError(
        "INPUT_INVALID",
        `cannot reach the exchange at ${url.origin}: ${(cause as Error).message}`,
        { cause },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const error = safeJson(text) as { error?: { code?: string; message?: string } } | undefined;
      const message = error?.error?.message ?? text.slice(0, 300);
      throw new RampartError(
        "INPUT_INVALID",
        `the exchange answered ${response.status} ${error?.error?.code ?? ""}: ${message}`.replace("  ", " "),
      );
    }
    return safeJson(text) as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
