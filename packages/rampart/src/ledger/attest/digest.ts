import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The SHA-256 of a value's RFC 8785 canonical JSON, as in-toto digests name things: the same content
 * gives the same digest whatever its key order or formatting.
 */
export function canonicalDigest(value: unknown): { sha256: string } {
  return { sha256: sha256Hex(new TextEncoder().encode(canonicalize(value) ?? "")) };
}
