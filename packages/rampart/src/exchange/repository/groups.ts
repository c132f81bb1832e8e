import { randomUUID } from "node:crypto";
import { RampartError } from "@rampart/guard";
import type { Queryable } from "../../store/index.js";
import { checkName, isUuid, missingIds, requireOrganisation } from "./checks.js";

/** A sharing group: advisories that name it count its member organisations as named recipients. */
export interface SharingGroup {
  readonly id: string;
  readonly name: string;
  readonly orgs: readonly string[];
}

/** Creates a group of existing organisations (NOT_FOUND otherwise); group names are unique (CONFLICT). */
export async function createGroup(
  q: Queryable,
  input: { name: string; orgs: readonly string[] },
): Promise<SharingGroup> {
  checkName("sharing group", input.name);
  const orgs = [...new Set(input.orgs)];
  const unknown = await missingIds(q, "organisations", orgs);
  if (unknown.length > 0) throw new RampartError("NOT_FOUND", `There is no organisation ${unknown.join(", ")}.`);
  const id = randomUUID();
  const created = await q.query(
    "INSERT INTO sharing_groups (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id",
    [id, input.name],
  );
  if (created.length === 0) {
    throw new RampartError("CONFLICT", `A sharing group named ${JSON.stringify(input.name)} already exists.`);
  }
  if (orgs.length > 0) {
    await q.query("INSERT INTO group_members (group_id, org) SELECT $1, unnest($2::uuid[])", [id, orgs]);
  }
  return { id, name: input.name, orgs };
}

/** Adds an organisation to a group (NOT_FOUND if either is missing); adding it twice changes nothing. */
export async function addToGroup(q: Queryable, group: string, org: string): Promise<void> {
  const found = isUuid(group) ? await q.query("SELECT 1 FROM sharing_groups WHERE id = $1", [group]) : [];
  if (found.length === 0) throw new RampartError("NOT_FOUND", `There is no sharing group ${group}.`);
  await requireOrganisation(q, org);
  await q.query("INSERT INTO group_members (group_id, org) VALUES ($1, $2) ON CONFLICT DO NOTHING", [group, org]);
}

/** The ids of the sharing groups an organisation belongs to. */
export async function groupsOf(q: Queryable, org: string): Promise<string[]> {
  if (!isUuid(org)) return [];
  const rows = await q.query<{ id: string }>(
    "SELECT group_id AS id FROM group_members WHERE org = $1 ORDER BY group_id",
    [org],
  );
  return rows.map((row) => row.id);
}
