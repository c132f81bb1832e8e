import { createGuard, RampartError } from "@rampart/guard";
import { type Command, Option } from "commander";
import { parseAdvisoryFile } from "../exchange/advisory-file.js";
import { ExchangeClient } from "../exchange/client/exchange-client.js";
import { SIGHTING_KINDS, type SightingKind } from "../exchange/model/advisory.js";
import { signSubmission, stampSubmission } from "../exchange/submission/submission.js";
import { followExchange } from "../exchange/subscribe/index.js";
import { readInput } from "../io/read-input.js";
import { readSigner } from "../ledger/keys/key-files.js";
import { signaturesFromExamples } from "../signatures/from-examples.js";
import { type CommandContext, EXIT } from "./command.js";
import { type CliIo, writeLine } from "./io.js";

interface ClientFlags {
  readonly url?: string;
  readonly key?: string;
}

function withClient(command: Command): Command {
  return command
    .option("--url <url>", "the exchange node (default $RAMPART_EXCHANGE_URL)")
    .option("--key <api-key>", "your API key (default $RAMPART_EXCHANGE_KEY)");
}

function clientOf(flags: ClientFlags, io: CliIo): ExchangeClient {
  const url = flags.url ?? io.env.RAMPART_EXCHANGE_URL;
  if (url === undefined)
    throw new RampartError("INPUT_INVALID", "Name the exchange: --url URL or RAMPART_EXCHANGE_URL.");
  return new ExchangeClient(url, flags.key ?? io.env.RAMPART_EXCHANGE_KEY);
}

async function signer(file: string | undefined, io: CliIo) {
  const path = file ?? io.env.RAMPART_SIGNING_KEY;
  if (path === undefined) {
    throw new RampartError(
      "INPUT_INVALID",
      "Submissions are signed: --signing-key FILE (your organisation's .key) or RAMPART_SIGNING_KEY.",
    );
  }
  return readSigner(path);
}

/** `rampart exchange publish | retract | list | get | sight | follow`: a member's side. */
export function registerExchangeMember(exchange: Command, context: CommandContext, stop: () => Promise<unknown>): void {
  const { io } = context;
  withClient(
    exchange
      .command("publish")
      .description(
        "publish an advisory (YAML or JSON: distribution and content; signatures are made from the examples when absent)",
      )
      .argument("<file>", "the advisory")
      .option("--signing-key <file>", "your organisation's signer key (default $RAMPART_SIGNING_KEY)"),
  ).action(async (file: string, flags: ClientFlags & { signingKey?: string }) => {
    const advisory = parseAdvisoryFile((await readInput(file, "advisory")).toString("utf8"), file);
    const client = clientOf(flags, io);
    const named = [...advisory.distribution.recipients];
    const recipients = named.length === 0 ? [] : await resolveOrganisations(client, named);
    const signatures =
      advisory.content.signatures ??
      signaturesFromExamples(advisory.content.examples, "jailbreak", advisory.content.title);
    const submission = stampSubmission({
      action: "publish" as const,
      advisory: {
        ...(advisory.id === undefined ? {} : { id: advisory.id }),
        distribution: { ...advisory.distribution, recipients },
        content: { ...advisory.content, signatures },
      },
    });
    const view = await client.submit(signSubmission(submission, await signer(flags.signingKey, io)));
    await writeLine(io.stdout, JSON.stringify(view));
  });
  withClient(
    exchange
      .command("retract")
      .description("retract an advisory of your organisation: subscribed guards drop its signatures")
      .argument("<id>", "the advisory id")
      .option("--signing-key <file>", "your organisation's signer key (default $RAMPART_SIGNING_KEY)"),
  ).action(async (id: string, flags: ClientFlags & { signingKey?: string }) => {
    const submission = stampSubmission({ action: "retract" as const, id });
    const view = await clientOf(flags, io).submit(signSubmission(submission, await signer(flags.signingKey, io)));
    await writeLine(io.stdout, JSON.stringify(view));
  });
  withClient(
    exchange
      .command("list")
      .description("the advisories you may see, one JSON object per line, oldest first")
      .option("--limit <n>", "at most this many", "1000"),
  ).action(async (flags: ClientFlags & { limit: string }) => {
    const client = clientOf(flags, io);
    let left = Number(flags.limit);
    let next: string | undefined;
    do {
      const page = await client.list({ ...(next === undefined ? {} : { next }), limit: Math.min(left, 1000) });
      for (const view of page.objects) await writeLine(io.stdout, JSON.stringify(view));
      left -= page.objects.length;
      next = page.more ? page.next : undefined;
    } while (next !== undefined && left > 0);
  });
  withClient(exchange.command("get").description("one advisory, as you may see it").argument("<id>")).action(
    async (id: string, flags: ClientFlags) => {
      await writeLine(io.stdout, JSON.stringify(await clientOf(flags, io).get(id)));
    },
  );
  withClient(
    exchange
      .command("sight")
      .description(
        "report a sighting: seen, true-positive, false-positive (a signature hurt benign traffic) or expired",
      )
      .argument("<id>")
      .addOption(new Option("--kind <kind>").choices(SIGHTING_KINDS).default("seen"))
      .option("--note <text>")
      .option("--signature <id...>", "for false positives: the signatures that fired"),
  ).action(async (id: string, flags: ClientFlags & { kind: SightingKind; note?: string; signature?: string[] }) => {
    const sighting = await clientOf(flags, io).sight(id, {
      kind: flags.kind,
      ...(flags.note === undefined ? {} : { note: flags.note }),
      ...(flags.signature === undefined ? {} : { signatureIds: flags.signature }),
    });
    await writeLine(io.stdout, JSON.stringify(sighting));
  });
  withClient(
    exchange
      .command("follow")
      .description("follow the feed as a guard would, printing each change it applies (until interrupted)"),
  ).action(async (flags: ClientFlags) => {
    const url = flags.url ?? io.env.RAMPART_EXCHANGE_URL;
    const apiKey = flags.key ?? io.env.RAMPART_EXCHANGE_KEY;
    if (url === undefined || apiKey === undefined) {
      throw new RampartError(
        "INPUT_INVALID",
        "follow needs --url and --key (or RAMPART_EXCHANGE_URL and RAMPART_EXCHANGE_KEY).",
      );
    }
    const follower = followExchange({
      url,
      apiKey,
      guard: createGuard(),
      onEvent: (event) => void writeLine(io.stdout, JSON.stringify(event)),
    });
    // Until interrupted, or until the follower gives up (a refused key) before it caught up.
    const gaveUp = follower.ready.then(
      () => new Promise<never>(() => {}),
      () => true,
    );
    if ((await Promise.race([stop().then(() => false), gaveUp])) === true) context.exitCode = EXIT.usage;
    await follower.stop();
  });
}

/** Organisation names (or ids) to ids, as the exchange lists them to members. */
async function resolveOrganisations(client: ExchangeClient, named: readonly string[]): Promise<string[]> {
  const { objects } = await client.organisations();
  return named.map((name) => {
    const found = objects.find((org) => org.name === name || org.id === name);
    if (found === undefined)
      throw new RampartError("INPUT_INVALID", `distribution.recipients: no organisation named ${name}`);
    return found.id;
  });
}
