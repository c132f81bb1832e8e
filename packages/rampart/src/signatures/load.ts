import { readFile } from "node:fs/promises";
import { type SignatureSet, SignatureSetError } from "@rampart/guard";
import { formatPath, friendlyErrors, toIssues } from "../io/issues.js";
import { signatureSetSchema } from "./schema.js";

/**
 * Reads a signature set from a JSON file. Throws `SignatureSetError` (a RampartError, code
 * SIGNATURES_INVALID) naming the file and, for a malformed set, every field at fault, one per line.
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
    throw new SignatureSetError(`${name}: not valid JSON: ${reason}`, { cause: error });
  }
  const parsed = signatureSetSchema.safeParse(json, { error: friendlyErrors });
  if (parsed.success) return parsed.data;
  const lines = toIssues(parsed.error, () => "unknown field").map((issue) =>
    issue.path.length === 0 ? `${name}: ${issue.message}` : `${name}: ${formatPath(issue.path)}: ${issue.message}`,
  );
  throw new SignatureSetError(lines.join("\n"));
}
