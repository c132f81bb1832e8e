import type { AccessLevel, AdvisoryRecord, Viewer } from "../model/advisory.js";

/**
 * How much of an advisory a viewer may read: the one access decision behind every read path (list,
 * get, feed, search, export), so the rules live in one place and one test covers them.
 *
 * FIRST TLP 2.0 decides who is admitted at all: CLEAR anyone, anonymous readers too; GREEN any
 * member; AMBER the creator organisation and the organisations it names, directly or through a
 * named sharing group; AMBER+STRICT the creator organisation only; RED the named recipients (and the
 * creator organisation, whose members wrote it).
 *
 * While the embargo runs (now < embargoUntil) only the creator organisation and the named recipients
 * get the narrative; every other member the TLP admits gets the detection signatures alone, so their
 * guards are protected before disclosure, and anonymous readers get nothing. Once the embargo is over
 * the TLP alone decides. A retracted advisory keeps its level, so subscribers learn to drop its
 * signatures.
 */
export function accessLevel(record: AdvisoryRecord, viewer: Viewer, now: Date): AccessLevel {
  const member = viewer.kind === "member";
  const creator = member && viewer.org === record.creatorOrg;
  const named =
    member && (record.recipients.includes(viewer.org) || viewer.groups.some((group) => record.groups.includes(group)));
  if (!admittedByTlp(record, { member, creator, named })) return "none";
  if (!underEmbargo(record, now) || creator || named) return "full";
  return member ? "signatures" : "none";
}

/** Whether the embargo still holds at `now`: it ends at embargoUntil itself. */
function underEmbargo(record: Pick<AdvisoryRecord, "embargoUntil">, now: Date): boolean {
  return record.embargoUntil !== null && now.getTime() < record.embargoUntil.getTime();
}

interface Role {
  readonly member: boolean;
  readonly creator: boolean;
  readonly named: boolean;
}

function admittedByTlp(record: AdvisoryRecord, role: Role): boolean {
  switch (record.tlp) {
    case "CLEAR":
      return true;
    case "GREEN":
      return role.member;
    case "AMBER":
    case "RED":
      // At the exchange's granularity (organisations, not people) AMBER and RED name the same
      // audience; RED differs in what recipients may pass on, which is outside the exchange.
      return role.creator || role.named;
    case "AMBER+STRICT":
      return role.creator;
  }
}
