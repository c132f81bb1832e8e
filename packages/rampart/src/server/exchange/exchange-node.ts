import { ExchangeRepository } from "../../exchange/repository/index.js";
import { ExchangeService, FEED_CHANNEL } from "../../exchange/service.js";
import type { Store, Unlisten } from "../../store/index.js";
import { FeedHub } from "./feed-hub.js";
import { type ExchangeLimits, exchangeRoutes } from "./routes.js";

/** One exchange node: its service over the store, and a feed hub that every node's writes wake. */
export interface ExchangeNode {
  readonly service: ExchangeService;
  readonly hub: FeedHub;
  /** The API routes, to mount at /exchange/v1. */
  readonly routes: ReturnType<typeof exchangeRoutes>;
  /** Stops listening for other nodes' writes; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * Starts a node on a migrated store. Nodes sharing one PostgreSQL database see each other's writes
 * through NOTIFY, so a publish on any node reaches the feed readers of all of them.
 */
export async function startExchangeNode(
  store: Store,
  options: { limits?: Partial<ExchangeLimits>; now?: () => Date } = {},
): Promise<ExchangeNode> {
  const service = new ExchangeService(new ExchangeRepository(store), store, options.now);
  const hub = new FeedHub(
    { after: (seq, limit) => service.repository.after(seq, limit), head: () => service.repository.headSeq() },
    options.now,
  );
  await hub.start();
  const unlisten: Unlisten = await store.listen(FEED_CHANNEL, () => void hub.wake());
  // A write that committed between start() and listen() would otherwise wait for the next one.
  await hub.wake();
  const routes = exchangeRoutes({ service, hub, ...(options.limits === undefined ? {} : { limits: options.limits }) });
  return { service, hub, routes, close: unlisten };
}
