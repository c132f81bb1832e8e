import type { OutputScanner } from "../scanner.js";
import { CAPITALS, NUMBER, TOKEN } from "./char-classes.js";
import { emailsIn } from "./emails.js";
import { Findings, finding } from "./finding.js";
import { ibansIn } from "./iban.js";
import { numberFindings } from "./number-runs.js";
import { RunReader } from "./runs.js";
import { runRange, visible } from "./visible.js";

const ID = "pii";

/**
 * Answers quote public contact addresses and phone numbers all the time, so those only flag; a
 * number that passes a check digit (Luhn, mod 97) is almost never there by chance, and redacts.
 */
const SCORES = { email: 0.6, phone: 0.6, card: 0.95, iban: 0.95 } as const;

/** The shortest runs worth reading: `a@b.co`, a 10-digit phone number, a 15-character IBAN. */
const MIN_EMAIL_RUN = 6;
const MIN_NUMBER_RUN = 10;
const MIN_IBAN_RUN = 15;
const MAX_LOCAL_PART = 64;
const SPACE = 32;

/**
 * Personal data in the output: email addresses, phone numbers, payment card numbers, IBANs. An
 * organisation's contact points (role mailboxes such as support@, toll-free numbers) are not
 * personal and are left alone.
 */
export const pii: OutputScanner = {
  id: ID,
  start() {
    const tokens = new RunReader(TOKEN, { cap: 512, minLength: MIN_EMAIL_RUN });
    const numbers = new RunReader(NUMBER, { cap: 128, minLength: MIN_NUMBER_RUN, restart: SPACE });
    const capitals = new RunReader(CAPITALS, { cap: 128, minLength: MIN_IBAN_RUN, restart: SPACE });
    let length = 0;
    const found = new Findings();

    const onToken = (run: string, start: number) => {
      if (!run.includes("@")) return;
      const seen = visible(run);
      for (const email of emailsIn(seen.text)) {
        const { start: s, end: e } = runRange(seen, email.start, email.end);
        found.push(finding(ID, "pii-exposure", SCORES.email, start + s, start + e, "an email address"));
      }
    };
    const onNumber = (run: string, start: number) => {
      const seen = visible(run);
      for (const number of numberFindings(seen.text)) {
        if (number.kind === "toll-free") continue;
        const { start: s, end: e } = runRange(seen, number.start, number.end);
        found.push(
          number.kind === "card"
            ? finding(ID, "pii-exposure", SCORES.card, start + s, start + e, `a ${number.brand} card number`)
            : finding(ID, "pii-exposure", SCORES.phone, start + s, start + e, "a phone number"),
        );
      }
    };
    const onCapitals = (run: string, start: number) => {
      const seen = visible(run);
      for (const iban of ibansIn(seen.text)) {
        const { start: s, end: e } = runRange(seen, iban.start, iban.end);
        found.push(finding(ID, "pii-exposure", SCORES.iban, start + s, start + e, "an IBAN (passes the mod-97 check)"));
      }
    };

    return {
      push(text, offset) {
        length = offset + text.length;
        tokens.push(text, offset, onToken);
        numbers.push(text, offset, onNumber);
        capitals.push(text, offset, onCapitals);
        return found.take();
      },
      pending() {
        return Math.max(
          heldEmail(tokens, length),
          heldFrom(numbers, length, /[0-9+(]/),
          heldFrom(capitals, length, /[A-Z]/),
        );
      },
      end() {
        tokens.end(onToken);
        numbers.end(onNumber);
        capitals.end(onCapitals);
        return found.take();
      },
    };
  },
};

/** An address's local part is at most 64 characters: nothing earlier in the run can belong to it. */
function heldEmail(reader: RunReader, length: number): number {
  if (reader.pendingStart < 0) return 0;
  const at = reader.pending.indexOf("@");
  const from = at < 0 ? reader.pending.length - MAX_LOCAL_PART : at - MAX_LOCAL_PART;
  return length - reader.pendingStart - Math.max(0, from);
}

/** A run may open with characters no finding starts with: spaces before a number, digits before an IBAN. */
function heldFrom(reader: RunReader, length: number, first: RegExp): number {
  if (reader.pendingStart < 0) return 0;
  const at = reader.pending.search(first);
  return at < 0 ? 0 : length - reader.pendingStart - at;
}
