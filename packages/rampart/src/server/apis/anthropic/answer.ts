import type { MonitorVerdict } from "@rampart/guard";
import { z } from "zod";
import type { Read } from "../../chat-api.js";
import type { OutputWatch } from "../../output-watch.js";

const messageSchema = z.looseObject({
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullish(),
});

/**
 * A whole Anthropic message: each text block is monitored as one push and an end. A halt keeps
 * nothing of the answer (tool calls included: they follow from the halted text) and stops with
 * `refusal`.
 */
export function rewriteAnthropicAnswer(body: unknown, watch: OutputWatch): Read<unknown> {
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: "the upstream's answer is not an Anthropic message" };
  const message = parsed.data;
  const released = new Map<number, string>();
  for (const [index, block] of message.content.entries()) {
    if (block.type !== "text" || block.text === undefined) continue;
    const verdicts: MonitorVerdict[] = [];
    if (block.text !== "") verdicts.push(watch.push(index, block.text));
    verdicts.push(watch.end(index));
    if (verdicts.some((v) => v.action === "halt")) {
      return { ok: true, value: { ...message, content: [], stop_reason: "refusal" } };
    }
    released.set(index, verdicts.map((v) => v.emit).join(""));
  }
  const content = message.content.map((block, index) => {
    const text = released.get(index);
    return text === undefined || text === block.text ? block : { ...block, text };
  });
  return { ok: true, value: { ...message, content } };
}
