import { randomUUID } from "node:crypto";
import { RampartError } from "@rampart/guard";
import type { Queryable } from "../../store/index.js";
import type { AdvisoryContent, SightingInput, SightingRecord } from "../model/advisory.js";
import { isUuid, requireOrganisation } from "./checks.js";
import { SIGHTING_COLUMNS, type SightingRow, sightingFromRow } from "./rows.js";
import { NEXT_SEQ } from "./sequence.js";

/**
 * Records that an organisation saw an advisory's attack (or a false positive, or that it expired),
 * at the next exchange seq. Signature ids, if given, must be the advisory's own (INPUT_INVALID):
 * a false-positive report that names a signature nobody shipped helps no one. Whether the
 * organisation may see the advisory at all is the caller's to check, with accessLevel.
 */
export async function addSighting(
  q: Queryable,
  advisoryId: string,
  org: string,
  input: SightingInput,
): Promise<SightingRecord> {
  const [advisory] = isUuid(advisoryId)
    ? await q.query<{ content: AdvisoryContent }>("SELECT content FROM advisories WHERE id = $1", [advisoryId])
    : [];
  if (advisory === undefined) throw new RampartError("NOT_FOUND", `There is no advisory ${advisoryId}.`);
  await requireOrganisation(q, org);
  const signatureIds = [...new Set(input.signatureIds ?? [])];
  const known = new Set(advisory.content.signatures.map((signature) => signature.id));
  const unknown = signatureIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new RampartError(
      "INPUT_INVALID",
      `Advisory ${advisoryId} has no signature ${unknown.map((id) => JSON.stringify(id)).join(", ")}.`,
    );
  }
  const [row] = await q.query<SightingRow>(
    `WITH ${NEXT_SEQ}
     INSERT INTO sightings (id, advisory, org, kind, note, signature_ids, created, seq)
     SELECT $1, $2, $3, $4, $5, $6::text[], head.at, head.seq FROM head
     RETURNING ${SIGHTING_COLUMNS}`,
    [randomUUID(), advisoryId, org, input.kind, input.note ?? null, signatureIds],
  );
  return sightingFromRow(row!);
}

/** An advisory's sightings, oldest first. */
export async function advisorySightings(q: Queryable, advisoryId: string): Promise<SightingRecord[]> {
  if (!isUuid(advisoryId)) return [];
  const rows = await q.query<SightingRow>(
    `SELECT ${SIGHTING_COLUMNS} FROM sightings WHERE advisory = $1 ORDER BY seq`,
    [advisoryId],
  );
  return rows.map(sightingFromRow);
}
