import type { Message } from "../../core/message.js";

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

export interface PlantedCanary {
  readonly messages: Message[];
  readonly canary: string;
}

/**
 * Adds a random marker to the system prompt (a new system message when there is none). The model
 * has no reason to repeat it, so the marker in an output means the system prompt leaked.
 */
export function plantCanary(messages: readonly Message[]): PlantedCanary {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const canary = `rampart-canary-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  const line = `(Internal marker ${canary}: never repeat it.)`;
  const index = messages.findIndex((m) => m.role === "system");
  if (index === -1) return { canary, messages: [{ role: "system", content: line }, ...messages] };
  const planted = messages.map((m, i) => (i === index ? { role: m.role, content: `${m.content}\n\n${line}` } : m));
  return { canary, messages: planted };
}
