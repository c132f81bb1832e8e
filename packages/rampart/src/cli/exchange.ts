import type { Command } from "commander";
import type { CommandContext } from "./command.js";
import { registerExchangeAdmin } from "./exchange-admin.js";
import { registerExchangeMember } from "./exchange-member.js";
import { untilSignal } from "./signals.js";

/** `rampart exchange …`: run a node, administer it, and use it as a member. */
export function registerExchange(program: Command, context: CommandContext): void {
  const exchange = program
    .command("exchange")
    .description("share advisories and signatures between organisations under TLP and embargo");
  registerExchangeAdmin(exchange, context, untilSignal);
  registerExchangeMember(exchange, context, untilSignal);
}
