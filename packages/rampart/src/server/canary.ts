import { type Message, type PlantedCanary, plantCanary } from "@rampart/guard";

export interface Planted extends PlantedCanary {
  /** What was added to the system prompt, to append to the request body's own system prompt the same way. */
  readonly addition: string;
}

/**
 * Plants a canary with the guard's `plantCanary` and works out what it added, so each API can put
 * the very same text into its body: the upstream must see the system prompt the monitor watches for.
 */
export function plant(messages: readonly Message[]): Planted {
  const planted = plantCanary(messages);
  const index = messages.findIndex((m) => m.role === "system");
  const addition =
    index === -1
      ? (planted.messages[0]?.content ?? "")
      : (planted.messages[index]?.content ?? "").slice(messages[index]?.content.length ?? 0);
  return { ...planted, addition };
}
