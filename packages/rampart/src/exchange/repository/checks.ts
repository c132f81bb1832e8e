import { RampartError } from "@rampart/guard";
import type { Queryable } from "../../store/index.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether text is a UUID. Ids are checked before they reach SQL: PostgreSQL would refuse a malformed
 * one with an error that aborts the whole transaction, where "not found" is the honest answer.
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** Throws NOT_FOUND unless the organisation exists. */
export async function requireOrganisation(q: Queryable, org: string): Promise<void> {
  const found = isUuid(org) ? await q.query("SELECT 1 FROM organisations WHERE id = $1", [org]) : [];
  if (found.length === 0) throw new RampartError("NOT_FOUND", `There is no organisation ${org}.`);
}

/** The ids in `ids` that are not rows of `table`: for messages that name every unknown id at once. */
export async function missingIds(
  q: Queryable,
  table: "organisations" | "sharing_groups",
  ids: readonly string[],
): Promise<string[]> {
  const wellFormed = ids.filter(isUuid);
  const found =
    wellFormed.length === 0
      ? []
      : await q.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [wellFormed]);
  const known = new Set(found.map((row) => row.id.toLowerCase()));
  return ids.filter((id) => !known.has(id.toLowerCase()));
}

/** Names are shown to people and used on the command line: 1 to 200 characters, not blank. */
export function checkName(what: string, name: string): void {
  if (name.trim() === "" || name.length > 200) {
    throw new RampartError("INPUT_INVALID", `A ${what} name must be 1 to 200 characters and not blank.`);
  }
}
