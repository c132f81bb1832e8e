import type { EventSourceMessage } from "eventsource-parser";
import { z } from "zod";
import type { SignatureBook } from "./signature-book.js";
import { parseAdvisoryView } from "./view-schema.js";

/** What one server-sent event meant for the book. */
export type FeedMessage =
  /** An advisory event the book took; `changed` when the live signatures differ because of it. */
  | {
      readonly kind: "advisory";
      readonly id: string;
      readonly seq: number;
      readonly signatures: number;
      readonly retracted: boolean;
      readonly changed: boolean;
    }
  /** The server finished replaying: every advisory up to `seq` the key may see was sent. */
  | { readonly kind: "caught-up"; readonly seq: number }
  /** An event the client could not use; `seq`, when the event had a numeric id, still moves the cursor. */
  | { readonly kind: "malformed"; readonly message: string; readonly seq?: number }
  /** An event type this client does not know: ignored, so that the server can add some. */
  | { readonly kind: "unknown" };

const caughtUpSchema = z.object({ seq: z.number().int().nonnegative() });
/** An advisory this reader saw but may no longer see: its signatures must go, its content is not told. */
const withdrawnSchema = z.object({ id: z.uuid(), seq: z.number().int().positive() });

/**
 * Interprets one event of the feed and applies advisories to the book. Never throws: a bad event
 * is reported and the stream goes on, since one broken advisory must not cost all the others.
 */
export function readFeedMessage(message: EventSourceMessage, book: SignatureBook): FeedMessage {
  const eventId = seqOf(message.id);
  if (message.event === "caught-up") {
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      return { kind: "malformed", message: "caught-up event: data is not JSON" };
    }
    const parsed = caughtUpSchema.safeParse(json);
    if (!parsed.success) return { kind: "malformed", message: 'caught-up event: expected data {"seq": N}' };
    return { kind: "caught-up", seq: parsed.data.seq };
  }
  if (message.event === "withdrawn") {
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      return { kind: "malformed", message: "withdrawn event: data is not JSON" };
    }
    const parsed = withdrawnSchema.safeParse(json);
    if (!parsed.success) return { kind: "malformed", message: 'withdrawn event: expected data {"id": UUID, "seq": N}' };
    const changed = book.withdraw(parsed.data.id, parsed.data.seq);
    return { kind: "advisory", id: parsed.data.id, seq: parsed.data.seq, signatures: 0, retracted: true, changed };
  }
  if (message.event !== "advisory") return { kind: "unknown" };

  const where = `advisory event ${message.id ?? "(no id)"}`;
  const parsed = parseAdvisoryView(message.data);
  const malformed = (problem: string): FeedMessage =>
    eventId === undefined
      ? { kind: "malformed", message: `${where}: ${problem}` }
      : { kind: "malformed", message: `${where}: ${problem}`, seq: eventId };
  if ("problem" in parsed) return malformed(parsed.problem);
  const { view } = parsed;
  // The event id is the cursor the server resumes from; a view that disagrees with it is not to be trusted.
  if (eventId !== undefined && eventId !== view.seq) return malformed(`the view's seq is ${view.seq}`);
  const changed = book.apply(view);
  const signatures = view.retracted ? 0 : (view.access === "full" ? view.content.signatures : view.signatures).length;
  return { kind: "advisory", id: view.id, seq: view.seq, signatures, retracted: view.retracted, changed };
}

/** An event id that is a cursor: a decimal integer. */
function seqOf(id: string | undefined): number | undefined {
  if (id === undefined || !/^\d{1,15}$/.test(id)) return undefined;
  return Number(id);
}
