import { createHash, randomBytes, randomUUID } from "node:crypto";
import { RampartError } from "@rampart/guard";
import type { Queryable } from "../../store/index.js";
import { isUuid } from "./checks.js";

/** A new API key: `key` is shown this once and never stored, only its SHA-256. */
export interface CreatedApiKey {
  readonly id: string;
  readonly key: string;
  /** The key's first 8 characters, kept so a person can tell their keys apart. */
  readonly prefix: string;
}

/** Who an API key belongs to: the member, their organisation and the sharing groups it is in. */
export interface Principal {
  readonly keyId: string;
  readonly member: string;
  readonly org: string;
  readonly groups: readonly string[];
}

const KEY_PREFIX = "rk_";
// "rk_" and the base64url of 32 random bytes (43 characters, no padding).
const KEY_SHAPE = /^rk_[A-Za-z0-9_-]{43}$/;

// A key has 256 random bits, so a plain SHA-256 is enough: there is nothing to brute-force that a
// slow password hash would protect.
function digest(key: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(key, "utf8").digest());
}

/** Makes an API key for a member (NOT_FOUND without them). */
export async function createApiKey(q: Queryable, memberId: string): Promise<CreatedApiKey> {
  const found = isUuid(memberId) ? await q.query("SELECT 1 FROM members WHERE id = $1", [memberId]) : [];
  if (found.length === 0) throw new RampartError("NOT_FOUND", `There is no member ${memberId}.`);
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const id = randomUUID();
  const prefix = key.slice(0, 8);
  await q.query("INSERT INTO api_keys (id, member, prefix, sha256) VALUES ($1, $2, $3, $4)", [
    id,
    memberId,
    prefix,
    digest(key),
  ]);
  return { id, key, prefix };
}

/** The principal an API key stands for; undefined for an unknown, malformed or revoked key. */
export async function authenticate(q: Queryable, key: string): Promise<Principal | undefined> {
  if (!KEY_SHAPE.test(key)) return undefined;
  const [row] = await q.query<Principal>(
    `SELECT k.id AS "keyId", m.id AS member, m.org,
            ARRAY(SELECT g.group_id::text FROM group_members g WHERE g.org = m.org ORDER BY g.group_id) AS groups
       FROM api_keys k JOIN members m ON m.id = k.member
      WHERE k.sha256 = $1 AND k.revoked_at IS NULL`,
    [digest(key)],
  );
  return row;
}

/** Revokes a key for good (NOT_FOUND if there is none); revoking it again keeps the first time. */
export async function revokeApiKey(q: Queryable, id: string): Promise<void> {
  const updated = isUuid(id)
    ? await q.query("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id", [id])
    : [];
  if (updated.length === 0) throw new RampartError("NOT_FOUND", `There is no API key ${id}.`);
}
