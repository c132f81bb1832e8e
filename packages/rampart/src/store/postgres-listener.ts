import pg from "pg";
import type { Unlisten } from "./store.js";

type Handler = (payload: string) => void;

const RETRY_MS = { first: 100, max: 5_000 };

/**
 * One dedicated connection that LISTENs for every channel a store follows (a pooled connection would
 * go back to the pool and stop listening). When it drops, it reconnects with backoff, LISTENs again and
 * tells every handler "" so followers re-read what they may have missed.
 */
export class PostgresListener {
  private readonly handlers = new Map<string, Set<Handler>>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private retryMs = RETRY_MS.first;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  async listen(channel: string, handler: Handler): Promise<Unlisten> {
    let set = this.handlers.get(channel);
    const first = set === undefined;
    if (set === undefined) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    const client = await this.connection();
    if (first) await client.query(`LISTEN "${channel}"`);
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      set.delete(handler);
      if (set.size > 0 || this.handlers.get(channel) !== set) return;
      this.handlers.delete(channel);
      if (this.client !== undefined && !this.closed)
        await this.client.query(`UNLISTEN "${channel}"`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client !== undefined) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    client.on("notification", (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? "");
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN "${channel}"`);
    this.client = client;
    this.retryMs = RETRY_MS.first;
    return client;
  }

  private lost(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => void this.reconnect(), this.retryMs);
    this.retryMs = Math.min(RETRY_MS.max, this.retryMs * 2);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.connection();
    } catch {
      this.retryTimer = setTimeout(() => void this.reconnect(), this.retryMs);
      this.retryMs = Math.min(RETRY_MS.max, this.retryMs * 2);
      return;
    }
    for (const set of this.handlers.values()) for (const handler of set) handler("");
  }
}
