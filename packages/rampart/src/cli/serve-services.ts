import type { Guard } from "@rampart/guard";
import { RampartError } from "@rampart/guard";
import { type Follower, followExchange } from "../exchange/subscribe/index.js";
import { readVerifier } from "../ledger/keys/key-files.js";
import { type ExchangeNode, startExchangeNode } from "../server/exchange/exchange-node.js";
import type { LedgerApiOptions } from "../server/ledger/routes.js";
import type { Store } from "../store/index.js";
import type { CliIo } from "./io.js";
import { type LedgerFlags, ledgerOn } from "./ledger-options.js";
import { openStoreFrom } from "./store-options.js";

export interface ServiceFlags extends LedgerFlags {
  readonly ledger?: boolean;
  readonly publisherKey?: readonly string[];
  readonly exchangeApi?: boolean;
  readonly exchange?: string;
  readonly exchangeKey?: string;
}

/** What `rampart serve` runs beside the proxy: the log's API, an exchange node, a feed follower. */
export interface Services {
  readonly ledger?: LedgerApiOptions;
  readonly exchange?: ExchangeNode;
  readonly follower?: Follower;
  describe(url: string): string[];
  close(): Promise<void>;
}

/** Opens one store for the log and the exchange node (the embedded store admits one process), as asked. */
export async function startServices(flags: ServiceFlags, io: CliIo, guard: Guard): Promise<Services> {
  const wantsLedger = flags.ledger === true || flags.publisherKey !== undefined;
  let store: Store | undefined;
  let exchange: ExchangeNode | undefined;
  let follower: Follower | undefined;
  const close = async () => {
    await follower?.stop();
    await exchange?.close();
    await store?.close();
  };
  try {
    if (wantsLedger || flags.exchangeApi === true) {
      store = await openStoreFrom(flags, io);
    }
    const ledger: LedgerApiOptions | undefined =
      wantsLedger && store !== undefined
        ? {
            log: await ledgerOn(store, flags, io),
            publishers: await Promise.all((flags.publisherKey ?? []).map((key) => readVerifier(key))),
          }
        : undefined;
    if (flags.exchangeApi === true && store !== undefined) exchange = await startExchangeNode(store);
    if (flags.exchange !== undefined) follower = follow(flags, io, guard);
    return {
      ...(ledger === undefined ? {} : { ledger }),
      ...(exchange === undefined ? {} : { exchange }),
      ...(follower === undefined ? {} : { follower }),
      describe: (url) => [
        ...(ledger === undefined
          ? []
          : [`  ledger ${ledger.log.origin} at ${url}/ledger/v1 (${ledger.publishers.length} publishers)`]),
        ...(exchange === undefined ? [] : [`  exchange node at ${url}/exchange/v1`]),
        ...(flags.exchange === undefined
          ? []
          : [`  following ${flags.exchange}: new signatures are loaded into this guard`]),
      ],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function follow(flags: ServiceFlags, io: CliIo, guard: Guard): Follower {
  const apiKey = flags.exchangeKey ?? io.env.RAMPART_EXCHANGE_KEY;
  if (apiKey === undefined) {
    throw new RampartError(
      "INPUT_INVALID",
      "--exchange needs the member's API key: --exchange-key KEY or RAMPART_EXCHANGE_KEY.",
    );
  }
  return followExchange({
    url: flags.exchange!,
    apiKey,
    guard,
    onEvent: (event) => {
      if (event.type === "applied")
        io.stderr.write(`rampart serve: advisory ${event.id} applied: ${event.signatures} signatures\n`);
      if (event.type === "error") io.stderr.write(`rampart serve: exchange feed: ${event.message}\n`);
    },
  });
}
