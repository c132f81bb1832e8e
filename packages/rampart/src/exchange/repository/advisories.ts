import { randomUUID } from "node:crypto";
import { RampartError } from "@rampart/guard";
import type { Queryable } from "../../store/index.js";
import {
  type AdvisoryContent,
  type AdvisoryRecord,
  DEFAULT_EMBARGO_DAYS,
  type Distribution,
  type Tlp,
} from "../model/advisory.js";
import { isUuid, missingIds, requireOrganisation } from "./checks.js";
import { type AdvisoryRow, advisoryColumns, advisoryFromRow, distributionJson } from "./rows.js";
import { NEXT_SEQ } from "./sequence.js";

/** What a publish needs: content and distribution as validated by the contract's schemas. */
export interface PublishInput {
  /** Keep an id made elsewhere (another node); absent: a new UUID. */
  readonly id?: string;
  readonly creatorOrg: string;
  readonly distribution: Distribution;
  readonly content: AdvisoryContent;
}

/** An amendment: the parts given replace the current ones; at least one is needed. */
export interface AdvisoryChange {
  readonly content?: AdvisoryContent;
  /** Replaces the whole distribution; embargoUntil absent keeps the current embargo, null lifts it. */
  readonly distribution?: Distribution;
}

// The versions row of a write, built from the advisories row the same statement wrote.
const LOG_VERSION = `logged AS (
  INSERT INTO advisory_versions (id, version, seq, content, distribution, retracted, modified, by_org)
  SELECT w.id, w.version, w.seq, w.content, ${distributionJson("w")}, w.retracted, w.modified, $2 FROM written w)`;

/**
 * Publishes a new advisory as version 1 (CONFLICT if its id is taken). An embargoUntil left out of the
 * distribution means the default embargo; null means none. Seq, version row and advisory row are
 * written by one statement, so the head lock is held for one round trip before the commit.
 */
export async function publish(q: Queryable, input: PublishInput): Promise<AdvisoryRecord> {
  const id = input.id ?? randomUUID();
  if (!isUuid(id)) throw new RampartError("INPUT_INVALID", `The advisory id ${JSON.stringify(id)} is not a UUID.`);
  await requireOrganisation(q, input.creatorOrg);
  await checkDistribution(q, input.distribution);
  checkContent(input.content);
  const { embargoUntil } = input.distribution;
  // The default embargo is added in hours: '1 day' follows the session's time zone over a
  // daylight-saving change and would end an hour early or late.
  const [row] = await q.query<AdvisoryRow>(
    `WITH ${NEXT_SEQ},
     written AS (
       INSERT INTO advisories (id, seq, version, creator_org, tlp, recipients, groups, embargo_until,
                               retracted, content, created, modified)
       SELECT $1, head.seq, 1, $2, $3, $4::uuid[], $5::uuid[],
              CASE WHEN $6::boolean THEN head.at + make_interval(hours => 24 * $7::int) ELSE $8::timestamptz END,
              false, $9::jsonb, head.at, head.at
         FROM head
       ON CONFLICT (id) DO NOTHING
       RETURNING *),
     ${LOG_VERSION}
     SELECT ${advisoryColumns("written")} FROM written`,
    [
      id,
      input.creatorOrg,
      input.distribution.tlp,
      input.distribution.recipients,
      input.distribution.groups,
      embargoUntil === undefined,
      DEFAULT_EMBARGO_DAYS,
      embargoUntil ?? null,
      JSON.stringify(input.content),
    ],
  );
  if (row === undefined) throw new RampartError("CONFLICT", `An advisory with id ${id} already exists.`);
  return advisoryFromRow(row);
}

/**
 * Amends an advisory: version + 1 at a new seq, the previous version kept in its history. Only its
 * creator organisation may (FORBIDDEN), and not once it is retracted (CONFLICT); the creator never changes.
 */
export async function amend(q: Queryable, id: string, byOrg: string, change: AdvisoryChange): Promise<AdvisoryRecord> {
  if (change.content === undefined && change.distribution === undefined) {
    throw new RampartError("INPUT_INVALID", "An amendment needs new content, a new distribution, or both.");
  }
  const current = await lockForChange(q, id, byOrg, "amend");
  const distribution = change.distribution ?? current;
  if (change.distribution !== undefined) await checkDistribution(q, change.distribution);
  if (change.content !== undefined) checkContent(change.content);
  const embargo = change.distribution?.embargoUntil;
  return write(q, current, byOrg, {
    tlp: distribution.tlp,
    recipients: distribution.recipients,
    groups: distribution.groups,
    embargoUntil: embargo === undefined ? current.embargoUntil : embargo === null ? null : new Date(embargo),
    content: change.content ?? current.content,
    retracted: false,
  });
}

/**
 * Retracts an advisory: a new version at a new seq, marked retracted and otherwise unchanged, so
 * everyone who could see it learns to drop its signatures. Creator organisation only (FORBIDDEN);
 * retracting twice is a CONFLICT.
 */
export async function retract(q: Queryable, id: string, byOrg: string): Promise<AdvisoryRecord> {
  const current = await lockForChange(q, id, byOrg, "retract");
  return write(q, current, byOrg, { ...current, retracted: true });
}

/**
 * The current version, locked until the transaction ends. FOR NO KEY UPDATE rather than FOR UPDATE:
 * a sighting's foreign key takes KEY SHARE on this row after taking the head lock, and FOR UPDATE
 * would make that a deadlock with an amendment that holds this row and waits for the head.
 */
async function lockForChange(q: Queryable, id: string, byOrg: string, action: string): Promise<AdvisoryRecord> {
  const [row] = isUuid(id)
    ? await q.query<AdvisoryRow>(`SELECT ${advisoryColumns("a")} FROM advisories a WHERE a.id = $1 FOR NO KEY UPDATE`, [
        id,
      ])
    : [];
  if (row === undefined) throw new RampartError("NOT_FOUND", `There is no advisory ${id}.`);
  if (row.creator_org !== byOrg) {
    throw new RampartError("FORBIDDEN", `Only the organisation that published advisory ${id} may ${action} it.`);
  }
  if (row.retracted) throw new RampartError("CONFLICT", `Advisory ${id} is retracted; it cannot be changed any more.`);
  return advisoryFromRow(row);
}

interface Values {
  readonly tlp: Tlp;
  readonly recipients: readonly string[];
  readonly groups: readonly string[];
  readonly embargoUntil: Date | null;
  readonly content: AdvisoryContent;
  readonly retracted: boolean;
}

async function write(q: Queryable, current: AdvisoryRecord, byOrg: string, values: Values): Promise<AdvisoryRecord> {
  const [row] = await q.query<AdvisoryRow>(
    `WITH ${NEXT_SEQ},
     written AS (
       UPDATE advisories a
          SET seq = head.seq, version = a.version + 1, tlp = $3, recipients = $4::uuid[], groups = $5::uuid[],
              embargo_until = $6::timestamptz, content = $7::jsonb, retracted = $8, modified = head.at
         FROM head
        WHERE a.id = $1
       RETURNING a.*),
     ${LOG_VERSION}
     SELECT ${advisoryColumns("written")} FROM written`,
    [
      current.id,
      byOrg,
      values.tlp,
      values.recipients,
      values.groups,
      values.embargoUntil,
      JSON.stringify(values.content),
      values.retracted,
    ],
  );
  return advisoryFromRow(row!);
}

/** Named recipients and groups must exist: a typo would otherwise silently share with nobody. */
async function checkDistribution(q: Queryable, distribution: Distribution): Promise<void> {
  const orgs = await missingIds(q, "organisations", distribution.recipients);
  const groups = await missingIds(q, "sharing_groups", distribution.groups);
  const unknown = [...orgs.map((id) => `organisation ${id}`), ...groups.map((id) => `sharing group ${id}`)];
  if (unknown.length > 0) {
    throw new RampartError("INPUT_INVALID", `The distribution names unknown recipients: ${unknown.join(", ")}.`);
  }
}

/** Signature ids must be unique within an advisory: guards index by them and sightings name them. */
function checkContent(content: AdvisoryContent): void {
  const seen = new Set<string>();
  for (const signature of content.signatures) {
    if (seen.has(signature.id)) {
      throw new RampartError("INPUT_INVALID", `The signature id ${JSON.stringify(signature.id)} appears twice.`);
    }
    seen.add(signature.id);
  }
}
