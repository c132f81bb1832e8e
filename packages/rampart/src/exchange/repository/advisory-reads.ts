import { RampartError } from "@rampart/guard";
import type { Queryable } from "../../store/index.js";
import type { AdvisoryRecord, Severity, Tlp, Viewer } from "../model/advisory.js";
import { isUuid } from "./checks.js";
import { type AdvisoryRow, advisoryColumns, advisoryFromRow, advisoryFromVersion, type VersionRow } from "./rows.js";

/** Most advisories one page may ask for. */
export const MAX_PAGE = 1000;

/** Narrows a page of advisories; every filter given must hold. */
export interface AdvisoryFilters {
  readonly tlp?: readonly Tlp[];
  readonly creatorOrg?: string;
  readonly severity?: readonly Severity[];
  /** false leaves retracted advisories out. Default true: a feed must tell subscribers to drop their signatures. */
  readonly includeRetracted?: boolean;
  /**
   * Leaves out, in SQL, advisories that the viewer's TLP audience cannot include, so a page is not
   * mostly rows the reader may not see. A coarse superset only: every row must still go through
   * accessLevel, which alone decides (embargo included).
   */
  readonly audience?: Viewer;
}

/** The current version of an advisory, retracted or not. */
export async function getAdvisory(q: Queryable, id: string): Promise<AdvisoryRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await q.query<AdvisoryRow>(`SELECT ${advisoryColumns("a")} FROM advisories a WHERE a.id = $1`, [id]);
  return row && advisoryFromRow(row);
}

/** Every version of an advisory, oldest first, each with the seq and distribution it had; [] if unknown. */
export async function advisoryHistory(q: Queryable, id: string): Promise<AdvisoryRecord[]> {
  if (!isUuid(id)) return [];
  const rows = await q.query<VersionRow>(
    `SELECT v.id, v.seq, v.version, a.creator_org, v.distribution, v.retracted, v.content, a.created, v.modified
       FROM advisory_versions v JOIN advisories a ON a.id = v.id
      WHERE v.id = $1 ORDER BY v.version`,
    [id],
  );
  return rows.map(advisoryFromVersion);
}

/**
 * Advisories changed after `seq`, by seq, each once at its latest change. Page on with the last
 * seq returned: the head lock makes changes commit in seq order, so no later page can hold a smaller
 * seq and nothing is skipped or repeated.
 */
export async function advisoriesAfter(
  q: Queryable,
  seq: number,
  limit: number,
  filters: AdvisoryFilters = {},
): Promise<AdvisoryRecord[]> {
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new RampartError("INPUT_INVALID", `A seq cursor is a whole number from 0; got ${seq}.`);
  }
  return page(q, "seq > $1", seq, limit, filters);
}

/**
 * Advisories changed after `date`, by seq: TAXII's added_after, to start from. Continue with
 * advisoriesAfter from the last seq, as times alone cannot page without gaps or repeats.
 */
export async function advisoriesSince(
  q: Queryable,
  date: Date,
  limit: number,
  filters: AdvisoryFilters = {},
): Promise<AdvisoryRecord[]> {
  if (Number.isNaN(date.getTime())) throw new RampartError("INPUT_INVALID", "added_after is not a valid time.");
  return page(q, "modified > $1", date, limit, filters);
}

async function page(
  q: Queryable,
  start: string,
  from: unknown,
  limit: number,
  filters: AdvisoryFilters,
): Promise<AdvisoryRecord[]> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new RampartError("INPUT_INVALID", `A page holds 1 to ${MAX_PAGE} advisories; asked for ${limit}.`);
  }
  const params: unknown[] = [from, limit];
  const where = [start, ...conditions(filters, params)];
  const rows = await q.query<AdvisoryRow>(
    `SELECT ${advisoryColumns("a")} FROM advisories a WHERE ${where.join(" AND ")} ORDER BY a.seq LIMIT $2`,
    params,
  );
  return rows.map(advisoryFromRow);
}

/** SQL conditions for the filters, their values appended to params. */
function conditions(filters: AdvisoryFilters, params: unknown[]): string[] {
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filters.tlp !== undefined) where.push(`a.tlp = ANY(${bind(filters.tlp)}::text[])`);
  if (filters.severity !== undefined) where.push(`a.content->>'severity' = ANY(${bind(filters.severity)}::text[])`);
  if (filters.creatorOrg !== undefined) {
    // A malformed id matches nothing, rather than failing the query.
    where.push(isUuid(filters.creatorOrg) ? `a.creator_org = ${bind(filters.creatorOrg)}` : "false");
  }
  if (filters.includeRetracted === false) where.push("NOT a.retracted");
  const viewer = filters.audience;
  if (viewer?.kind === "anonymous") where.push("a.tlp = 'CLEAR'");
  if (viewer?.kind === "member") {
    const org = isUuid(viewer.org) ? bind(viewer.org) : "NULL";
    const groups = bind(viewer.groups.filter(isUuid));
    const named = `a.creator_org = ${org} OR ${org} = ANY(a.recipients) OR a.groups && ${groups}::uuid[]`;
    where.push(`(a.tlp IN ('CLEAR', 'GREEN') OR ${named})`);
  }
  return where;
}
