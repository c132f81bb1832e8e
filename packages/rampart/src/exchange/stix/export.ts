import type { AdvisoryView, SightingRecord } from "../model/advisory.js";
import { type AdvisoryStix, advisoryToStix, type FullAdvisoryView, stixTimestamp } from "./advisory-objects.js";
import { stixId } from "./ids.js";
import { isExportableTlp, TLP_MARKING_IDS, tlpMarkingDefinition, widerTlp } from "./markings.js";
import type {
  ExportableTlp,
  StixBundle,
  StixId,
  StixIdentity,
  StixObject,
  StixSighting,
  StixTimestamp,
} from "./types.js";

/** What to export. The caller has already applied access rules and kept only CLEAR and GREEN advisories. */
export interface StixExportInput {
  readonly advisories: readonly AdvisoryView[];
  /** Every organisation an exported advisory or sighting names, by id. */
  readonly organisations: ReadonlyMap<string, { readonly name: string }>;
  /** Sightings of advisories not in `advisories` are ignored. */
  readonly sightings: readonly SightingRecord[];
  /** The exchange, named as the source of the organisations' identity objects. */
  readonly exchangeIdentity?: { readonly name: string };
}

interface IdentityUse {
  tlp: ExportableTlp;
  first: StixTimestamp;
}

/**
 * Identities are shared by every object that names them, so each is emitted once, marked with the
 * widest label among those objects (a name a CLEAR report already discloses is CLEAR), and dated by
 * the first of them: organisations carry no timestamps of their own.
 */
class Identities {
  readonly #uses = new Map<string, IdentityUse>();

  constructor(private readonly organisations: StixExportInput["organisations"]) {}

  ref(org: string, tlp: ExportableTlp, at: StixTimestamp): StixId<"identity"> {
    if (!this.organisations.has(org)) throw new Error(`organisation ${org} is missing from organisations`);
    const use = this.#uses.get(org);
    if (use === undefined) this.#uses.set(org, { tlp, first: at });
    else {
      use.tlp = widerTlp(use.tlp, tlp);
      if (at < use.first) use.first = at;
    }
    return stixId("identity", "organisation", org);
  }

  objects(exchange: StixExportInput["exchangeIdentity"]): StixIdentity[] {
    const uses = [...this.#uses.values()];
    const exchangeObject: StixIdentity | undefined =
      exchange === undefined || uses.length === 0
        ? undefined
        : identity(stixId("identity", "exchange", exchange.name), exchange.name, "system", {
            tlp: uses.map((u) => u.tlp).reduce(widerTlp),
            first: uses.map((u) => u.first).reduce((a, b) => (b < a ? b : a)),
          });
    const orgs = [...this.#uses].map(([org, use]) => {
      const name = this.organisations.get(org)?.name ?? org;
      return identity(stixId("identity", "organisation", org), name, "organization", use, exchangeObject?.id);
    });
    return exchangeObject === undefined ? orgs : [exchangeObject, ...orgs];
  }
}

function identity(
  id: StixId<"identity">,
  name: string,
  identityClass: StixIdentity["identity_class"],
  use: IdentityUse,
  createdBy?: StixId<"identity">,
): StixIdentity {
  return {
    type: "identity",
    spec_version: "2.1",
    id,
    created: use.first,
    modified: use.first,
    ...(createdBy === undefined ? {} : { created_by_ref: createdBy }),
    object_marking_refs: [TLP_MARKING_IDS[use.tlp]],
    name,
    identity_class: identityClass,
  };
}

/** Defence in depth: the caller filters, but nothing narrower than GREEN, nor a partial view, leaves here. */
function exportable(view: AdvisoryView): FullAdvisoryView & { tlp: ExportableTlp } {
  if (view.access !== "full") throw new Error(`advisory ${view.id}: only full views can be exported to STIX`);
  const { tlp } = view;
  if (!isExportableTlp(tlp)) throw new Error(`advisory ${view.id}: TLP:${tlp} advisories are never exported to STIX`);
  return { ...view, tlp };
}

interface Exported {
  readonly advisory: FullAdvisoryView & { tlp: ExportableTlp };
  readonly stix: AdvisoryStix;
}

/**
 * A sighting stays a STIX sighting whatever its kind, with the kind in `x_rampart_kind`: a false
 * positive is still a report from an organisation that the signature fired on its traffic, and a
 * sighting keeps who, when and which indicator (OpenCTI flags false positives on sightings the same
 * way, with `x_opencti_negative`). An opinion would carry only agreement, and a note free text.
 * Who saw which attack describes the reporting organisation, so it stays within the community
 * (at least GREEN) even when the advisory itself is CLEAR; the record's free-text note is left out
 * because nothing reviewed it for sharing.
 */
function sightingToStix(record: SightingRecord, target: Exported, identities: Identities): StixSighting {
  const { advisory, stix } = target;
  const at = stixTimestamp(record.created, `sighting ${record.id}: created`);
  const tlp: ExportableTlp = "GREEN";
  const reporter = identities.ref(record.org, tlp, at);
  const fired = record.signatureIds.map((s) => stix.indicatorBySignature.get(s)).find((i) => i !== undefined);
  return {
    type: "sighting",
    spec_version: "2.1",
    id: stixId("sighting", record.id, advisory.id, advisory.version),
    created: at,
    modified: at,
    created_by_ref: reporter,
    object_marking_refs: [TLP_MARKING_IDS[tlp]],
    sighting_of_ref: fired ?? stix.indicators[0]?.id ?? stix.attackPattern.id,
    where_sighted_refs: [reporter],
    count: 1,
    first_seen: at,
    last_seen: at,
    x_rampart_kind: record.kind,
    ...(record.signatureIds.length > 0 ? { x_rampart_signature_ids: record.signatureIds } : {}),
  };
}

/**
 * Exports full, TLP:CLEAR or TLP:GREEN advisories, and the sightings of them, as a STIX 2.1 bundle.
 * Every id is a UUIDv5 of what the object is (advisory id and version, signature id, sighting id),
 * so exporting the same input twice gives the same bundle, bundle id included. An advisory's objects
 * carry its TLP marking; sightings are GREEN even for a CLEAR advisory, and example prompts are
 * exported for CLEAR advisories only.
 * @throws Error for a non-full view, an advisory narrower than GREEN, a repeated advisory id, an
 *   organisation missing from `organisations`, or a malformed timestamp.
 */
export function toStixBundle(input: StixExportInput): StixBundle {
  const identities = new Identities(input.organisations);
  const exported = new Map<string, Exported>();
  for (const view of input.advisories) {
    const advisory = exportable(view);
    if (exported.has(advisory.id)) throw new Error(`advisory ${advisory.id} is listed twice`);
    const creator = identities.ref(
      advisory.creatorOrg,
      advisory.tlp,
      stixTimestamp(advisory.created, `advisory ${advisory.id}: created`),
    );
    exported.set(advisory.id, { advisory, stix: advisoryToStix(advisory, advisory.tlp, creator) });
  }

  const sightings = input.sightings.flatMap((record) => {
    const target = exported.get(record.advisoryId);
    return target === undefined ? [] : [sightingToStix(record, target, identities)];
  });

  const derived: StixObject[] = [
    ...identities.objects(input.exchangeIdentity),
    ...[...exported.values()].flatMap(({ stix }) => [
      stix.attackPattern,
      ...stix.indicators,
      ...stix.relationships,
      stix.report,
    ]),
    ...sightings,
  ];
  // Marking definitions carry no markings themselves (a marking may not mark itself), and are
  // included only for the labels actually used.
  const used = new Set(derived.flatMap((o) => ("object_marking_refs" in o ? o.object_marking_refs : [])));
  const markings = (["CLEAR", "GREEN"] as const)
    .filter((tlp) => used.has(TLP_MARKING_IDS[tlp]))
    .map(tlpMarkingDefinition);
  const objects: StixObject[] = [...markings, ...derived];

  const versions = objects.map((o) => `${o.id}@${"modified" in o ? o.modified : o.created}`);
  return {
    type: "bundle",
    id: stixId("bundle", ...versions),
    // STIX 2.1 bundles hold "one or more" objects, so an empty export leaves the property out.
    ...(objects.length > 0 ? { objects } : {}),
  };
}
