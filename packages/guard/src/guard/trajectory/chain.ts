import type { Role } from "../../core/message.js";
import { sha256Hex } from "../signatures/sha256.js";

/** The chain before the first turn. */
export const EMPTY_CHAIN = "";

/**
 * The key of a conversation one turn longer: SHA-256 of the previous key, the role and the content.
 * A cryptographic hash because the key decides which turns are not scanned again: with a fast hash
 * an attacker could build a harmful conversation whose key collides with a harmless one and borrow
 * its stored result. JSON quoting keeps the encoding one-to-one on UTF-16 (a lone surrogate is
 * escaped, where UTF-8 would turn every one of them into U+FFFD).
 */
export function extendChain(previous: string, role: Role, content: string): string {
  return sha256Hex(`${previous}${role}${JSON.stringify(content)}`);
}

/** Where a conversation named by the caller is kept: apart from the chain keys, and bounded whatever the id's length. */
export function conversationKey(id: string): string {
  return `id:${sha256Hex(id)}`;
}
