import { RampartError } from "@rampart/guard";
import type { Command } from "commander";
import { ExchangeRepository } from "../exchange/repository/index.js";
import { readVerifier } from "../ledger/keys/key-files.js";
import { serveNode } from "../server/exchange/serve-node.js";
import { type CommandContext, EXIT } from "./command.js";
import type { CliIo } from "./io.js";
import { writeLine } from "./io.js";
import { openStoreFrom, type StoreFlags, withStoreOptions } from "./store-options.js";

async function withRepository<T>(
  flags: StoreFlags,
  io: CliIo,
  work: (repo: ExchangeRepository) => Promise<T>,
): Promise<T> {
  const store = await openStoreFrom(flags, io);
  try {
    return await work(new ExchangeRepository(store));
  } finally {
    await store.close();
  }
}

/** `rampart exchange serve | org create | key create | group create`: running a node and administering its store. */
export function registerExchangeAdmin(exchange: Command, context: CommandContext, stop: () => Promise<unknown>): void {
  const { io } = context;
  withStoreOptions(
    exchange
      .command("serve")
      .description("run an exchange node: the API under /exchange/v1 and /healthz")
      .option("--host <address>", "address to listen on", "127.0.0.1")
      .option("--port <number>", "port, 0 for any free one", "8788")
      .option("--requests-per-minute <n>", "per API key", "600"),
  ).action(async (flags: StoreFlags & { host: string; port: string; requestsPerMinute: string }) => {
    const store = await openStoreFrom(flags, io);
    const running = await serveNode(store, flags.host, Number(flags.port), Number(flags.requestsPerMinute));
    await writeLine(io.stderr, `rampart exchange: node on ${running.url}/exchange/v1 (${store.kind})`);
    await stop();
    await running.close();
    await store.close();
    context.exitCode = EXIT.ok;
  });
  const org = exchange.command("org").description("organisations");
  withStoreOptions(
    org
      .command("create")
      .description("add an organisation; prints its id")
      .requiredOption("--name <name>", "a unique name")
      .requiredOption(
        "--signing-key <key|file>",
        "its Ed25519 verifier key (rampart key generate): submissions must be signed by it",
      ),
  ).action(async (flags: StoreFlags & { name: string; signingKey: string }) => {
    const key = await readVerifier(flags.signingKey);
    const created = await withRepository(flags, io, (repo) =>
      repo.createOrganisation({ name: flags.name, signingKey: key.verifierKey }),
    );
    await writeLine(io.stdout, created.id);
  });
  withStoreOptions(
    exchange
      .command("key")
      .description("API keys")
      .command("create")
      .description("add a member to an organisation and print its API key (shown once, stored hashed)")
      .requiredOption("--org <name>", "the organisation")
      .requiredOption("--member <name>", "who holds the key"),
  ).action(async (flags: StoreFlags & { org: string; member: string }) => {
    const key = await withRepository(flags, io, async (repo) => {
      const organisation = await repo.organisationByName(flags.org);
      if (organisation === undefined) return undefined;
      const member = await repo.createMember({ org: organisation.id, name: flags.member });
      return repo.createApiKey(member.id);
    });
    if (key === undefined) {
      await writeLine(io.stderr, `rampart exchange key create: no organisation named ${flags.org}`);
      context.exitCode = EXIT.usage;
      return;
    }
    await writeLine(io.stdout, key.key);
  });
  withStoreOptions(
    exchange
      .command("group")
      .description("sharing groups")
      .command("create")
      .description("a sharing group of organisations; advisories may name it as a recipient; prints its id")
      .requiredOption("--name <name>", "a unique name")
      .requiredOption("--org <name...>", "member organisations"),
  ).action(async (flags: StoreFlags & { name: string; org: string[] }) => {
    const group = await withRepository(flags, io, async (repo) => {
      const ids: string[] = [];
      for (const name of flags.org) {
        const found = await repo.organisationByName(name);
        if (found === undefined) throw new RampartError("INPUT_INVALID", `--org: no organisation named ${name}`);
        ids.push(found.id);
      }
      return repo.createGroup({ name: flags.name, orgs: ids });
    });
    await writeLine(io.stdout, group.id);
  });
}
