import { open } from "node:fs/promises";
import { RampartError } from "@rampart/guard";
import { z } from "zod";
import { expected } from "../io/issues.js";
import { type JsonlEntry, readJsonl } from "../io/jsonl.js";
import { idSchema, messageSchema } from "../io/rows.js";

/** A labelled prompt, the format of `../shared/data/prompts/`; extra fields are kept out of the way, not refused. */
export const labelledRowSchema = z.looseObject({
  id: idSchema,
  text: z.string().describe("The prompt, a conversation flattened to text for multi-turn rows."),
  label: z.enum(["attack", "benign"], { error: expected("expected attack|benign") }).describe("Ground truth."),
  kind: z.string().describe("jailbreak, injection, harmful, benign or benign-borderline."),
  category: z.string().optional().describe("The source's own category, when it has one."),
  source: z.string().describe("The data set the row came from."),
  lang: z.string().optional().describe("The prompt's language (ISO 639-1), where the source says; English otherwise."),
  messages: z.array(messageSchema).optional().describe("The conversation, in multi-turn rows."),
});

export type LabelledRow = z.infer<typeof labelledRowSchema>;

export async function* readLabelled(path: string): AsyncGenerator<JsonlEntry<LabelledRow>> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RampartError("INPUT_INVALID", `${path}: cannot read the data: ${reason}`, { cause: error });
  }
  yield* readJsonl(handle.createReadStream(), labelledRowSchema);
}
