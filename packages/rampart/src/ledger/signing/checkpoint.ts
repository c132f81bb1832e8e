/**
 * C2SP transparency-log checkpoints (c2sp.org/tlog-checkpoint): a signed note whose text is the log's
 * origin, its tree size in decimal, the base64 RFC 6962 root hash, then optional extension lines.
 *
 * openCheckpoint returns openNote's codes, INPUT_INVALID for a malformed checkpoint text, and
 * PROOF_INVALID for a well-signed checkpoint of another log: its origin is not `expectedOrigin`
 * or, when none is given, not the verifier key's name (the spec says the two SHOULD match, and
 * requiring it stops a key that signs for several logs from passing one log's head off as another's).
 */
import { RampartError } from "@rampart/guard";
import { decodeBase64, toBase64 } from "./encoding.js";
import type { Signer, Verifier } from "./note-keys.js";
import { type Rejection, reject } from "./rejection.js";
import { type NoteRejection, noteTextProblem, openNote, signNote } from "./signed-note.js";

const HASH_BYTES = 32;

/** A log's tree head: `size` leaves whose RFC 6962 Merkle root is `root`. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions: readonly string[];
}

/** The note text of a checkpoint; throws INPUT_INVALID on a field the format cannot carry. */
export function formatCheckpointBody(checkpoint: Checkpoint): string {
  const { origin, size, root, extensions } = checkpoint;
  const invalid = (why: string) => new RampartError("INPUT_INVALID", `cannot format the checkpoint: ${why}`);
  const lines = [origin, ...extensions];
  if (lines.some((line) => line === "" || line.includes("\n") || noteTextProblem(line) !== undefined)) {
    throw invalid("the origin and extension lines must be non-empty, with no newline or control character");
  }
  if (!Number.isSafeInteger(size) || size < 0)
    throw invalid(`the tree size ${size} is not an integer from 0 to 2^53-1`);
  if (root.length !== HASH_BYTES) throw invalid(`the root hash is ${root.length} bytes, not ${HASH_BYTES}`);
  return [origin, String(size), toBase64(root), ...extensions].map((line) => `${line}\n`).join("");
}

/** Reads checkpoint note text strictly; throws INPUT_INVALID naming the line that is wrong. */
export function parseCheckpointBody(body: string): Checkpoint {
  const invalid = (why: string) => new RampartError("INPUT_INVALID", `malformed checkpoint: ${why}`);
  if (!body.endsWith("\n")) throw invalid("the text does not end with a newline");
  const problem = noteTextProblem(body);
  if (problem !== undefined) throw invalid(problem);
  const lines = body.slice(0, -1).split("\n");
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || size === undefined || root === undefined) {
    throw invalid(`expected at least 3 lines (origin, tree size, root hash), got ${lines.length}`);
  }
  const empty = lines.indexOf("");
  if (empty >= 0) throw invalid(`line ${empty + 1} is empty`);
  if (!/^(?:0|[1-9][0-9]*)$/.test(size) || BigInt(size) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid(
      `line 2, the tree size ${JSON.stringify(size)}, is not a decimal from 0 to 2^53-1 without leading zeros`,
    );
  }
  const hash = decodeBase64(root);
  if (hash === undefined || hash.length !== HASH_BYTES) {
    throw invalid(`line 3, the root hash, is not the canonical base64 of ${HASH_BYTES} bytes`);
  }
  return { origin, size: Number(size), root: hash, extensions };
}

/** The signed note of a checkpoint. */
export function signCheckpoint(checkpoint: Checkpoint, signer: Signer): string {
  return signNote(formatCheckpointBody(checkpoint), [signer]);
}

/** Opens a checkpoint signed by `verifier` for the log `expectedOrigin` (by default the key's name). */
export function openCheckpoint(
  text: string,
  verifier: Verifier,
  expectedOrigin: string = verifier.name,
): { ok: true; checkpoint: Checkpoint } | NoteRejection | Rejection<"PROOF_INVALID"> {
  const opened = openNote(text, [verifier]);
  if (!opened.ok) return opened;
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpointBody(opened.body);
  } catch (error) {
    if (!(error instanceof RampartError)) throw error;
    return reject("INPUT_INVALID", error.message);
  }
  if (checkpoint.origin !== expectedOrigin) {
    return reject("PROOF_INVALID", `the checkpoint is for ${checkpoint.origin}, not ${expectedOrigin}`);
  }
  return { ok: true, checkpoint };
}
