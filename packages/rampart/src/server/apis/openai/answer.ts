import { z } from "zod";
import type { Read } from "../../chat-api.js";
import type { OutputWatch } from "../../output-watch.js";

const choiceSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  message: z.looseObject({ content: z.string().nullish() }),
  finish_reason: z.string().nullish(),
});

const completionSchema = z.looseObject({ choices: z.array(choiceSchema) });

type Choice = z.infer<typeof choiceSchema>;

/**
 * A whole `chat.completion`: each choice is monitored as one push and an end. A halted choice
 * keeps nothing of its answer, tool calls included, and finishes with `content_filter`.
 */
export function rewriteOpenAiAnswer(body: unknown, watch: OutputWatch): Read<unknown> {
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: "the upstream's answer is not a chat.completion" };
  const choices = parsed.data.choices.map((choice) => guarded(choice, watch));
  return { ok: true, value: { ...parsed.data, choices } };
}

function guarded(choice: Choice, watch: OutputWatch): Choice {
  const text = choice.message.content ?? "";
  const pushed = text === "" ? undefined : watch.push(choice.index, text);
  const ended = watch.end(choice.index);
  if (pushed?.action === "halt" || ended.action === "halt") {
    const { tool_calls: _calls, function_call: _call, ...message } = choice.message;
    return { ...choice, message: { ...message, content: "" }, logprobs: null, finish_reason: "content_filter" };
  }
  const released = (pushed?.emit ?? "") + ended.emit;
  if (released === text) return choice;
  // Log probabilities name the raw tokens: they would give away what the monitor redacted.
  return { ...choice, message: { ...choice.message, content: released }, logprobs: null };
}
