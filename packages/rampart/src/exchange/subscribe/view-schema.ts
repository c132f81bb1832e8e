import { z } from "zod";
import { type AdvisoryView, advisoryContentSchema, TLP_LABELS } from "../model/advisory.js";

/**
 * Signatures are ids the guard indexes by: a repeat would make the guard reject the whole merged
 * set, so an advisory that repeats one is refused here, where it is one bad event.
 */
const signatureList = advisoryContentSchema.shape.signatures.superRefine((list, context) => {
  const seen = new Set<string>();
  list.forEach((signature, index) => {
    if (seen.has(signature.id)) {
      context.addIssue({ code: "custom", path: [index, "id"], message: `"${signature.id}" appears twice` });
    }
    seen.add(signature.id);
  });
});

// The envelope is a plain (not strict) object: the server may add fields later, and a guard that
// refused every advisory over an unknown key would lose protection on a server upgrade. The
// signatures stay strict, because the guard itself refuses signatures with unknown keys.
const envelope = {
  id: z.string().min(1).max(200),
  seq: z.number().int().positive(),
  version: z.number().int().positive(),
  tlp: z.enum(TLP_LABELS),
  retracted: z.boolean(),
};

const fullView = z.object({
  ...envelope,
  access: z.literal("full"),
  creatorOrg: z.string(),
  recipients: z.array(z.string()),
  groups: z.array(z.string()),
  embargoUntil: z.string().nullable(),
  created: z.string(),
  modified: z.string(),
  content: advisoryContentSchema.extend({ signatures: signatureList }),
});

const signaturesView = z.object({
  ...envelope,
  access: z.literal("signatures"),
  embargoUntil: z.string(),
  signatures: signatureList,
});

/** An `AdvisoryView` as the feed sends it in an `advisory` event's data. */
export const advisoryViewSchema = z.discriminatedUnion("access", [fullView, signaturesView]);

/**
 * Parses one event's data: the view, or a one-line description of what is wrong with it. The
 * return type doubles as the compile-time check that the schema yields the shared contract's type.
 */
export function parseAdvisoryView(data: string): { view: AdvisoryView } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { problem: "data is not JSON" };
  }
  const parsed = advisoryViewSchema.safeParse(json);
  if (parsed.success) return { view: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  const more = parsed.error.issues.length > 3 ? ` (+${parsed.error.issues.length - 3} more)` : "";
  return { problem: `${issues.join("; ")}${more}` };
}
