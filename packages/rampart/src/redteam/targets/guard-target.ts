import type { Guard, Message } from "@rampart/guard";
import type { Target, TargetReply } from "../types.js";

/** The guard alone, the offline default: an attempt succeeds when the guard lets it through. */
export function guardTarget(guard: Guard): Target {
  return {
    id: "guard",
    async send(messages: readonly Message[]): Promise<TargetReply> {
      const verdict = guard.check(messages);
      return { text: "", blocked: verdict.action === "block", verdict };
    },
  };
}
