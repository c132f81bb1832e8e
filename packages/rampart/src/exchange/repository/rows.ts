import type { AdvisoryContent, AdvisoryRecord, SightingKind, SightingRecord, Tlp } from "../model/advisory.js";

/** An advisory row as the queries below select it. */
export interface AdvisoryRow {
  readonly id: string;
  readonly seq: number;
  readonly version: number;
  readonly creator_org: string;
  readonly tlp: Tlp;
  readonly recipients: string[];
  readonly groups: string[];
  readonly embargo_until: Date | null;
  readonly retracted: boolean;
  readonly content: AdvisoryContent;
  readonly created: Date;
  readonly modified: Date;
}

/**
 * The advisory columns, prefixed by `alias`. uuid[] is cast to text[]: node-postgres has no parser
 * for uuid[] and would hand back the array literal as one string, where PGlite gives an array.
 */
export function advisoryColumns(alias: string): string {
  return ["id", "seq", "version", "creator_org", "tlp", "embargo_until", "retracted", "content", "created", "modified"]
    .map((column) => `${alias}.${column}`)
    .concat([`${alias}.recipients::text[] AS recipients`, `${alias}.groups::text[] AS groups`])
    .join(", ");
}

/** The contract's record of an advisories row. */
export function advisoryFromRow(row: AdvisoryRow): AdvisoryRecord {
  return {
    id: row.id,
    seq: row.seq,
    version: row.version,
    creatorOrg: row.creator_org,
    tlp: row.tlp,
    recipients: row.recipients,
    groups: row.groups,
    embargoUntil: row.embargo_until,
    retracted: row.retracted,
    content: row.content,
    created: row.created,
    modified: row.modified,
  };
}

/** A row of advisory_versions joined with its advisory's creator and first publication. */
export interface VersionRow {
  readonly id: string;
  readonly seq: number;
  readonly version: number;
  readonly creator_org: string;
  readonly distribution: StoredDistribution;
  readonly retracted: boolean;
  readonly content: AdvisoryContent;
  readonly created: Date;
  readonly modified: Date;
}

/** A version's distribution as stored in advisory_versions.distribution (jsonb, so times are text). */
export interface StoredDistribution {
  readonly tlp: Tlp;
  readonly recipients: string[];
  readonly groups: string[];
  readonly embargoUntil: string | null;
}

/** SQL for the jsonb of an advisories row's distribution, as advisory_versions keeps it. */
export function distributionJson(alias: string): string {
  return `jsonb_build_object('tlp', ${alias}.tlp, 'recipients', to_jsonb(${alias}.recipients),
    'groups', to_jsonb(${alias}.groups), 'embargoUntil', ${alias}.embargo_until)`;
}

/** The contract's record of one version in the history. */
export function advisoryFromVersion(row: VersionRow): AdvisoryRecord {
  const { tlp, recipients, groups, embargoUntil } = row.distribution;
  return {
    id: row.id,
    seq: row.seq,
    version: row.version,
    creatorOrg: row.creator_org,
    tlp,
    recipients,
    groups,
    embargoUntil: embargoUntil === null ? null : new Date(embargoUntil),
    retracted: row.retracted,
    content: row.content,
    created: row.created,
    modified: row.modified,
  };
}

/** A sightings row as SIGHTING_COLUMNS selects it. */
export interface SightingRow {
  readonly id: string;
  readonly advisory: string;
  readonly org: string;
  readonly kind: SightingKind;
  readonly note: string | null;
  readonly signature_ids: string[];
  readonly created: Date;
}

/** The sightings columns, as SightingRow names them. */
export const SIGHTING_COLUMNS = "id, advisory, org, kind, note, signature_ids, created";

/** The contract's record of a sightings row; a missing note is left out rather than null. */
export function sightingFromRow(row: SightingRow): SightingRecord {
  return {
    id: row.id,
    advisoryId: row.advisory,
    org: row.org,
    kind: row.kind,
    ...(row.note === null ? {} : { note: row.note }),
    signatureIds: row.signature_ids,
    created: row.created,
  };
}
