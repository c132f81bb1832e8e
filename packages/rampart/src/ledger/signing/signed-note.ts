/**
 * C2SP signed notes (c2sp.org/signed-note): a text ending in a newline, a blank line, then one line
 * per signature, `— <key name> <base64(key id ‖ signature)>`. The text may hold empty lines; the last
 * blank line in the note separates it from the signatures.
 *
 * openNote's codes:
 *   INPUT_INVALID  the note is malformed (over 1 MiB or 100 signatures, a control character, no blank
 *                  line, a signature line without "— ", a bad key name or bad base64);
 *   KEY_INVALID    two different trusted keys share one name and key id, so a signature is ambiguous;
 *   BAD_SIGNATURE  a signature line names a trusted key (name and key id) and does not verify: the
 *                  whole note is rejected, even if another trusted key signed it;
 *   WRONG_KEY      no trusted key signed the note (signatures by unknown keys are ignored, as the spec requires).
 */
import { RampartError } from "@rampart/guard";
import { decodeBase64, toBase64, toHex, utf8 } from "./encoding.js";
import { keyNameProblem, type Signer, type Verifier } from "./note-keys.js";
import { type Rejection, reject } from "./rejection.js";

/** The largest note openNote reads, in UTF-8 bytes. */
export const MAX_NOTE_BYTES = 1 << 20;
/** The most signature lines openNote reads (the spec asks verifiers to accept at least 16). */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = "\u2014 ";

/** A note whose text at least one trusted key signed; `verifiedBy` holds those keys' verifier key texts. */
export interface OpenedNote {
  readonly ok: true;
  readonly body: string;
  readonly verifiedBy: readonly string[];
}

export type NoteRejection = Rejection<"INPUT_INVALID" | "KEY_INVALID" | "BAD_SIGNATURE" | "WRONG_KEY">;

/** Why a note (or its text) breaks the character rules: valid UTF-8, no control character but newline. */
export function noteTextProblem(text: string): string | undefined {
  const at = text.search(/[\u0000-\u0009\u000b-\u001f]|\p{Cs}/u);
  if (at < 0) return undefined;
  return `position ${at} holds a control character or a lone surrogate (only newlines are allowed)`;
}

/** Signs `body` (one or more lines, each ending in "\n") with every signer, in order; throws INPUT_INVALID on a bad body. */
export function signNote(body: string, signers: readonly Signer[]): string {
  const invalid = (why: string) => new RampartError("INPUT_INVALID", `cannot sign the note: ${why}`);
  if (!body.endsWith("\n")) throw invalid("the text must end with a newline");
  if (Buffer.byteLength(body) >= MAX_NOTE_BYTES) throw invalid(`the text is over ${MAX_NOTE_BYTES} bytes`);
  const problem = noteTextProblem(body);
  if (problem !== undefined) throw invalid(problem);
  if (signers.length === 0 || signers.length > MAX_NOTE_SIGNATURES) {
    throw invalid(`it needs 1 to ${MAX_NOTE_SIGNATURES} signers, got ${signers.length}`);
  }
  const message = utf8(body);
  const seen = new Set<string>();
  let note = `${body}\n`;
  for (const signer of signers) {
    const id = `${signer.name}+${signer.keyIdHex}`;
    if (seen.has(id)) throw invalid(`the signer ${id} is listed twice`);
    seen.add(id);
    note += `${SIGNATURE_PREFIX}${signer.name} ${toBase64(Buffer.concat([signer.keyId, signer.sign(message)]))}\n`;
  }
  if (Buffer.byteLength(note) > MAX_NOTE_BYTES) throw invalid(`the signed note would exceed ${MAX_NOTE_BYTES} bytes`);
  return note;
}

interface SignatureLine {
  readonly id: string;
  readonly signature: Uint8Array;
}

/** Opens a signed note: its text, if at least one of `verifiers` signed it and every signature by them verifies. */
export function openNote(text: string, verifiers: readonly Verifier[]): OpenedNote | NoteRejection {
  const parsed = parseNote(text);
  if (typeof parsed === "string") return reject("INPUT_INVALID", `malformed signed note: ${parsed}`);
  const trusted = new Map<string, Verifier>();
  for (const verifier of verifiers) {
    const id = `${verifier.name}+${verifier.keyIdHex}`;
    const other = trusted.get(id);
    if (other !== undefined && other.verifierKey !== verifier.verifierKey) {
      return reject(
        "KEY_INVALID",
        `two trusted keys share the name and key id ${id}, so their signatures are ambiguous`,
      );
    }
    trusted.set(id, verifier);
  }
  const message = utf8(parsed.body);
  const verifiedBy = new Set<string>();
  for (const line of parsed.lines) {
    const verifier = trusted.get(line.id);
    if (verifier === undefined) continue;
    if (!verifier.verify(message, line.signature)) {
      return reject("BAD_SIGNATURE", `the signature by trusted key ${line.id} does not verify`);
    }
    verifiedBy.add(verifier.verifierKey);
  }
  if (verifiedBy.size === 0) {
    const present = [...new Set(parsed.lines.map((line) => line.id))].join(", ");
    return reject("WRONG_KEY", `no trusted key signed the note; it is signed by ${present}`);
  }
  return { ok: true, body: parsed.body, verifiedBy: [...verifiedBy] };
}

/** The text and signature lines of a note, or what is wrong with it. */
function parseNote(text: string): { body: string; lines: SignatureLine[] } | string {
  if (text.length > MAX_NOTE_BYTES || Buffer.byteLength(text) > MAX_NOTE_BYTES) {
    return `it is over ${MAX_NOTE_BYTES} bytes`;
  }
  const problem = noteTextProblem(text);
  if (problem !== undefined) return problem;
  const split = text.lastIndexOf("\n\n");
  if (split < 0) return "no blank line separates the text from the signatures";
  const block = text.slice(split + 2);
  if (block === "") return "no signature lines follow the blank line";
  if (!block.endsWith("\n")) return "the last signature line does not end with a newline";
  const rows = block.slice(0, -1).split("\n");
  if (rows.length > MAX_NOTE_SIGNATURES)
    return `${rows.length} signature lines, over the limit of ${MAX_NOTE_SIGNATURES}`;
  const lines: SignatureLine[] = [];
  for (const [i, row] of rows.entries()) {
    const line = parseSignatureLine(row);
    if (typeof line === "string") return `signature line ${i + 1}: ${line}`;
    lines.push(line);
  }
  return { body: text.slice(0, split + 1), lines };
}

function parseSignatureLine(row: string): SignatureLine | string {
  if (!row.startsWith(SIGNATURE_PREFIX)) return "it does not start with an em dash (U+2014) and a space";
  const rest = row.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space < 0) return "expected a key name, a space and a base64 signature";
  const name = rest.slice(0, space);
  const problem = keyNameProblem(name);
  if (problem !== undefined) return problem;
  const data = decodeBase64(rest.slice(space + 1));
  if (data === undefined) return "the signature is not canonical standard base64";
  if (data.length < 5) return "the signature is shorter than a key id and one byte";
  return { id: `${name}+${toHex(data.subarray(0, 4))}`, signature: data.subarray(4) };
}
