import { ACTION_RANK, type Guard, type Message, type MonitorVerdict, type Verdict } from "@rampart/guard";
import type { Target, TargetReply } from "../types.js";

/**
 * The guard in front of a model, as Rampart's proxy deploys it: the request is checked first (a
 * block never reaches the model), then the model's answer runs through the guard's output
 * monitor. A halted answer is blocked, its text what the monitor released before the halt;
 * otherwise the reply is the released text (redactions applied) with the stronger of the input
 * and output verdicts.
 */
export function guarded(guard: Guard, inner: Target): Target {
  return {
    id: `guarded:${inner.id}`,
    async send(messages: readonly Message[]): Promise<TargetReply> {
      const inputVerdict = guard.check(messages);
      if (ACTION_RANK[inputVerdict.action] >= ACTION_RANK.block) {
        return { text: "", blocked: true, verdict: inputVerdict };
      }
      const reply = await inner.send(messages);
      if (reply.blocked) return { ...reply, verdict: reply.verdict ?? inputVerdict };
      const monitor = guard.monitor({ messages, inputVerdict });
      const pushed = monitor.push(reply.text);
      const ended = monitor.halted ? pushed : monitor.end();
      const released = pushed.emit + (ended === pushed ? "" : ended.emit);
      if (monitor.halted) return { text: released, blocked: true, verdict: verdictOf(ended) };
      const output = verdictOf(ended);
      const verdict = ACTION_RANK[output.action] > ACTION_RANK[inputVerdict.action] ? output : inputVerdict;
      return { text: released, blocked: false, verdict };
    },
  };
}

/** A monitor verdict without the text it released. */
function verdictOf(monitored: MonitorVerdict): Verdict {
  const { emit: _, ...verdict } = monitored;
  return verdict;
}
