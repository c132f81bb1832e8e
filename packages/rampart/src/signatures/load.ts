import { readFile } from "node:fs/promises";
import { type SignatureSet, SignatureSetError } from "@rampart/guard";
import { LineCounter, parseDocument } from "yaml";
import { formatPath, friendlyErrors, toIssues } from "../io/issues.js";
import { lineOf } from "../io/locate.js";
import { signatureSetSchema } from "./schema.js";

/**
 * Reads a signature set from a JSON file. Throws `SignatureSetError` (a RampartError, code
 * SIGNATURES_INVALID) naming the file and, for a malformed set, every field at fault with its
 * line, one per line of the message.
 */
export async function loadSignatureSet(path: string): Promise<SignatureSet> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SignatureSetError(`${path}: cannot read the signature set: ${reason}`, { cause: error });
  }
  return parseSignatureSet(source, path);
}

/** As `loadSignatureSet`, for JSON already in memory; `name` is what messages call the file. */
export function parseSignatureSet(source: string, name: string): SignatureSet {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SignatureSetError(`${name}:${lineAtPosition(source, reason)}: not valid JSON: ${reason}`, {
      cause: error,
    });
  }
  const parsed = signatureSetSchema.safeParse(json, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  // Sets can be large: their line positions are worked out only when something is wrong.
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const messages = toIssues(parsed.error, () => "unknown field").map((issue) => {
    const where = `${name}:${lineOf(doc, lines, issue.path)}`;
    return issue.path.length === 0
      ? `${where}: ${issue.message}`
      : `${where}: ${formatPath(issue.path)}: ${issue.message}`;
  });
  throw new SignatureSetError(messages.join("\n"));
}

/** The 1-based line of the character offset V8 names in a JSON.parse message ("… at position 42"). */
function lineAtPosition(source: string, reason: string): number {
  const position = /position (\d+)/.exec(reason)?.[1];
  if (position === undefined) return 1;
  let line = 1;
  const end = Math.min(Number(position), source.length);
  for (let i = 0; i < end; i++) if (source.charCodeAt(i) === 0x0a) line++;
  return line;
}
