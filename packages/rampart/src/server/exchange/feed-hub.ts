import { accessLevel, viewOf } from "../../exchange/access/index.js";
import type { AdvisoryRecord, AdvisoryView, Viewer } from "../../exchange/model/advisory.js";

/** Where the hub reads changes: advisories whose seq is above a cursor, oldest first. */
export interface FeedSource {
  after(seq: number, limit: number): Promise<readonly AdvisoryRecord[]>;
  /** The highest seq committed so far. */
  head(): Promise<number>;
}

/** One reader of the feed: who it is, where it is, and how to send it an event. */
export interface FeedSink {
  readonly viewer: Viewer;
  /** Sends one advisory as this reader may see it; resolves when the transport took it. */
  send(view: AdvisoryView): Promise<void>;
  /** Tells the reader an advisory it was sent is no longer visible to it, so it drops its signatures. */
  withdraw(id: string, seq: number): Promise<void>;
  /** Called once, when the replay from the reader's cursor has reached the live edge. */
  caughtUp(seq: number): Promise<void>;
}

const PAGE = 500;
/** Recent changes kept in memory, so a thousand live readers share one read of each change. */
const RECENT = 10_000;
/** How soon to read again after the store failed to answer. */
const RETRY_MS = 1_000;

interface Subscriber {
  readonly sink: FeedSink;
  /** Advisories sent on this connection: if one later turns invisible to the reader, it is told to drop it. */
  readonly sent: Set<string>;
  cursor: number;
  caughtUp: boolean;
  pumping: boolean;
  again: boolean;
  closed: boolean;
}

/**
 * Fans changes out to feed readers. Every reader keeps its own cursor and gets every advisory the
 * access rules let it see, in seq order, none twice: replayed from the store while it is behind,
 * then from a shared window of recent changes. `wake()` is called when a change may have committed
 * (a notification from any node, or a local write).
 */
export class FeedHub {
  private readonly subscribers = new Set<Subscriber>();
  /** Every change with seq above windowFrom, in order: the shared window. */
  private recent: AdvisoryRecord[] = [];
  private windowFrom = 0;
  private headSeq = 0;
  private fetching: Promise<void> | undefined;
  private refetch = false;

  constructor(
    private readonly source: FeedSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts the window at the store's current head, so old history is read only by readers who ask for it. */
  async start(): Promise<void> {
    this.headSeq = await this.source.head();
    this.windowFrom = this.headSeq;
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Starts a reader after `cursor`; the returned function stops it. */
  subscribe(sink: FeedSink, cursor: number): () => void {
    const subscriber: Subscriber = {
      sink,
      sent: new Set(),
      cursor,
      caughtUp: false,
      pumping: false,
      again: false,
      closed: false,
    };
    this.subscribers.add(subscriber);
    void this.pump(subscriber);
    return () => {
      subscriber.closed = true;
      this.subscribers.delete(subscriber);
    };
  }

  /**
   * Something may have changed: read the new changes once, then let every reader catch up. Never
   * rejects: when the store cannot be read, it tries again a second later (readers keep their cursors).
   */
  wake(): Promise<void> {
    if (this.fetching !== undefined) {
      this.refetch = true;
      return this.fetching;
    }
    this.fetching = this.fetchNew()
      .catch(() => {
        setTimeout(() => void this.wake(), RETRY_MS).unref();
      })
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }

  private async fetchNew(): Promise<void> {
    do {
      this.refetch = false;
      for (;;) {
        const page = await this.source.after(this.headSeq, PAGE);
        if (page.length === 0) break;
        this.recent.push(...page);
        this.headSeq = page.at(-1)!.seq;
        if (page.length < PAGE) break;
      }
      if (this.recent.length > RECENT) {
        const dropped = this.recent.length - RECENT;
        this.windowFrom = this.recent[dropped - 1]!.seq;
        this.recent = this.recent.slice(dropped);
      }
      for (const subscriber of this.subscribers) void this.pump(subscriber);
    } while (this.refetch);
  }

  /** Changes after `cursor` from the shared window, or undefined when the window does not reach back that far. */
  private fromRecent(cursor: number): readonly AdvisoryRecord[] | undefined {
    if (cursor < this.windowFrom) return undefined;
    // Binary search: a thousand readers each look up their cursor on every change.
    let low = 0;
    let high = this.recent.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.recent[middle]!.seq <= cursor) low = middle + 1;
      else high = middle;
    }
    return this.recent.slice(low, low + PAGE);
  }

  private async pump(subscriber: Subscriber): Promise<void> {
    if (subscriber.pumping) {
      subscriber.again = true;
      return;
    }
    subscriber.pumping = true;
    try {
      do {
        subscriber.again = false;
        for (;;) {
          if (subscriber.closed) return;
          const page = this.fromRecent(subscriber.cursor) ?? (await this.source.after(subscriber.cursor, PAGE));
          if (page.length === 0) break;
          for (const record of page) {
            if (subscriber.closed) return;
            const view = viewOf(record, accessLevel(record, subscriber.sink.viewer, this.now()));
            if (view !== undefined) {
              subscriber.sent.add(record.id);
              await subscriber.sink.send(view);
            } else if (subscriber.sent.delete(record.id)) {
              await subscriber.sink.withdraw(record.id, record.seq);
            }
            subscriber.cursor = record.seq;
          }
        }
        if (!subscriber.caughtUp && !subscriber.closed) {
          subscriber.caughtUp = true;
          await subscriber.sink.caughtUp(subscriber.cursor);
        }
      } while (subscriber.again && !subscriber.closed);
    } catch {
      // A reader whose transport failed is gone; its stream's close handler unsubscribes it.
      subscriber.closed = true;
      this.subscribers.delete(subscriber);
    } finally {
      subscriber.pumping = false;
    }
  }
}
