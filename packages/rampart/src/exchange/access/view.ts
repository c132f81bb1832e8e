import type { AccessLevel, AdvisoryRecord, AdvisoryView, Viewer } from "../model/advisory.js";
import { accessLevel } from "./access-level.js";

/**
 * The advisory as a reader with `level` sees it, or undefined for "none". A "signatures" view is
 * built field by field from an allow-list, so nothing of the narrative (title, description,
 * examples, references, technique, affected) nor who made it or for whom can slip into it.
 */
export function viewOf(record: AdvisoryRecord, level: AccessLevel): AdvisoryView | undefined {
  if (level === "none") return undefined;
  if (level === "signatures") {
    if (record.embargoUntil === null) {
      // accessLevel gives "signatures" only under embargo: anything else is a caller's bug, not a view.
      throw new Error(`viewOf: advisory ${record.id} has no embargo, so it has no signatures-only view`);
    }
    return {
      access: "signatures",
      id: record.id,
      seq: record.seq,
      version: record.version,
      tlp: record.tlp,
      embargoUntil: record.embargoUntil.toISOString(),
      retracted: record.retracted,
      // A signature's description is free text its author wrote: under embargo it could carry the
      // narrative, so the reader gets only the advisory's id there.
      signatures: record.content.signatures.map((signature) => ({
        ...signature,
        description: `embargoed advisory ${record.id}`,
      })),
    };
  }
  return {
    access: "full",
    id: record.id,
    seq: record.seq,
    version: record.version,
    creatorOrg: record.creatorOrg,
    tlp: record.tlp,
    recipients: record.recipients,
    groups: record.groups,
    embargoUntil: record.embargoUntil?.toISOString() ?? null,
    retracted: record.retracted,
    created: record.created.toISOString(),
    modified: record.modified.toISOString(),
    content: record.content,
  };
}

/** The views a viewer may have of `records`, in their order, leaving out those it may not see at all. */
export function visibleTo(records: readonly AdvisoryRecord[], viewer: Viewer, now: Date): AdvisoryView[] {
  const views: AdvisoryView[] = [];
  for (const record of records) {
    const view = viewOf(record, accessLevel(record, viewer, now));
    if (view !== undefined) views.push(view);
  }
  return views;
}
