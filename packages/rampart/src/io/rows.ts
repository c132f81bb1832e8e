import { ROLES } from "@rampart/guard";
import { z } from "zod";
import { expected } from "./issues.js";

export const messageSchema = z.looseObject({
  role: z.enum(ROLES, { error: expected(`expected one of ${ROLES.join("|")}`) }).describe("Who said it."),
  content: z.string().describe("What was said."),
});

export const idSchema = z
  .union([z.string(), z.number()], { error: expected("expected a string or a number") })
  .describe("Identifies the row in the output; echoed as given.");

/**
 * A row for `rampart check`. Extra fields are allowed so labelled data files can be checked as they
 * are; when a row has both, `messages` wins, because it is the conversation `text` was flattened from.
 */
export const checkRowSchema = z
  .looseObject({
    id: idSchema,
    text: z.string().optional().describe("The prompt to screen."),
    messages: z.array(messageSchema).optional().describe("A conversation to screen: its user and tool turns."),
  })
  .refine((row) => row.text !== undefined || row.messages !== undefined, {
    path: ["text"],
    error: "required: expected text (a string) or messages (an array of {role, content})",
  });

export type CheckRow = z.infer<typeof checkRowSchema>;
