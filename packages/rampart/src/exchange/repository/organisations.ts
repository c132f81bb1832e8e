import { randomUUID } from "node:crypto";
import { RampartError } from "@rampart/guard";
import { parseVerifier } from "../../ledger/signing/index.js";
import type { Queryable } from "../../store/index.js";
import { checkName, isUuid, requireOrganisation } from "./checks.js";

/** An organisation of the exchange, with the key its submissions are signed with. */
export interface Organisation {
  readonly id: string;
  readonly name: string;
  /** Ed25519 verifier key in C2SP signed-note form (`<name>+<key id>+<key>`). */
  readonly signingKey: string;
  readonly created: Date;
}

/** A person (or service) of an organisation, who holds API keys. */
export interface Member {
  readonly id: string;
  readonly org: string;
  readonly name: string;
  readonly created: Date;
}

const ORGANISATION_COLUMNS = 'id, name, signing_key AS "signingKey", created';

/** Registers an organisation; its signing key must be a valid verifier key (KEY_INVALID), its name free (CONFLICT). */
export async function createOrganisation(
  q: Queryable,
  input: { name: string; signingKey: string },
): Promise<Organisation> {
  checkName("organisation", input.name);
  // Stored in its canonical text (no trailing newline), which is also what signatures name.
  const signingKey = parseVerifier(input.signingKey).verifierKey;
  const [created] = await q.query<Organisation>(
    `INSERT INTO organisations (id, name, signing_key) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO NOTHING RETURNING ${ORGANISATION_COLUMNS}`,
    [randomUUID(), input.name, signingKey],
  );
  if (created === undefined) {
    throw new RampartError("CONFLICT", `An organisation named ${JSON.stringify(input.name)} already exists.`);
  }
  return created;
}

/** An organisation by id; undefined if there is none. */
export async function organisation(q: Queryable, id: string): Promise<Organisation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await q.query<Organisation>(`SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = $1`, [id]);
  return row;
}

/** An organisation by its unique name; undefined if there is none. */
export async function organisationByName(q: Queryable, name: string): Promise<Organisation | undefined> {
  const [row] = await q.query<Organisation>(`SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE name = $1`, [
    name,
  ]);
  return row;
}

/** Every organisation, by name. */
export function listOrganisations(q: Queryable): Promise<Organisation[]> {
  return q.query<Organisation>(`SELECT ${ORGANISATION_COLUMNS} FROM organisations ORDER BY name`);
}

/** Adds a member to an organisation (NOT_FOUND without it); names are unique within one (CONFLICT). */
export async function createMember(q: Queryable, input: { org: string; name: string }): Promise<Member> {
  checkName("member", input.name);
  await requireOrganisation(q, input.org);
  const [created] = await q.query<Member>(
    `INSERT INTO members (id, org, name) VALUES ($1, $2, $3)
     ON CONFLICT (org, name) DO NOTHING RETURNING id, org, name, created`,
    [randomUUID(), input.org, input.name],
  );
  if (created === undefined) {
    throw new RampartError(
      "CONFLICT",
      `Organisation ${input.org} already has a member named ${JSON.stringify(input.name)}.`,
    );
  }
  return created;
}
