import { createHash } from "node:crypto";
import type { StixId } from "./types.js";

/**
 * The namespace of every STIX id this exchange derives. Fixed forever: changing it would give every
 * exported object a new id, and consumers would keep the old ones as separate, stale objects.
 */
export const RAMPART_STIX_NAMESPACE = "4613e07f-0398-4a07-a99d-0f0f9510ea85";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * RFC 9562 UUIDv5 (SHA-1, name-based). Hand-written because the `uuid` package is not a dependency
 * and node:crypto only makes random v4s. STIX recommends v5 for ids derived from content, which is
 * what makes a re-export give the same ids.
 */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new Error(`not a lowercase UUID: ${namespace}`);
  const digest = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A STIX id for `type` from the parts that identify the object. Parts are JSON-encoded so that no
 * choice of advisory or signature id can make two different part lists collide (as "a:b"+"c" and
 * "a"+"b:c" would if joined with a separator).
 */
export function stixId<T extends string>(type: T, ...parts: readonly (string | number)[]): StixId<T> {
  return `${type}--${uuidV5(JSON.stringify([type, ...parts]), RAMPART_STIX_NAMESPACE)}`;
}
