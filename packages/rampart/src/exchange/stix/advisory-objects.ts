import canonicalize from "canonicalize";
import type { AdvisoryContent, AdvisoryView } from "../model/advisory.js";
import { stixId } from "./ids.js";
import { TLP_MARKING_IDS } from "./markings.js";
import type {
  ExportableTlp,
  StixAttackPattern,
  StixExternalReference,
  StixId,
  StixIndicator,
  StixRelationship,
  StixReport,
  StixTimestamp,
} from "./types.js";

/** An advisory as a reader with full access sees it: the only kind the exporter accepts. */
export type FullAdvisoryView = Extract<AdvisoryView, { access: "full" }>;

/** What one advisory became, and the ids its sightings may point at. */
export interface AdvisoryStix {
  readonly attackPattern: StixAttackPattern;
  readonly indicators: readonly StixIndicator[];
  readonly relationships: readonly StixRelationship[];
  readonly report: StixReport;
  /** Signature id → its indicator, so a false-positive sighting can name the signature that fired. */
  readonly indicatorBySignature: ReadonlyMap<string, StixId<"indicator">>;
}

/** STIX wants UTC with millisecond precision; re-formatting also rejects a malformed stored time. */
export function stixTimestamp(value: string | Date, what: string): StixTimestamp {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${what} is not a valid time`);
  return date.toISOString();
}

function techniqueReferences(technique: AdvisoryContent["technique"]): StixExternalReference[] {
  return [
    ...technique.atlas.map((id) => ({
      source_name: "mitre-atlas",
      external_id: id,
      url: `https://atlas.mitre.org/techniques/${id}`,
    })),
    // The edition is part of the source: the 2026 list renumbers the 2025 one, so "LLM01" alone is ambiguous.
    ...technique.owasp.map((ref) => ({ source_name: `owasp-llm-top-10-${ref.edition}`, external_id: ref.id })),
  ];
}

/** Builds the attack pattern, one indicator and `indicates` relationship per signature, and the report. */
export function advisoryToStix(
  advisory: FullAdvisoryView,
  tlp: ExportableTlp,
  creator: StixId<"identity">,
): AdvisoryStix {
  const { id, version, content } = advisory;
  const created = stixTimestamp(advisory.created, `advisory ${id}: created`);
  const common = {
    spec_version: "2.1",
    created,
    modified: stixTimestamp(advisory.modified, `advisory ${id}: modified`),
    created_by_ref: creator,
    ...(advisory.retracted ? { revoked: true as const } : {}),
    object_marking_refs: [TLP_MARKING_IDS[tlp]],
  } as const;

  const references = techniqueReferences(content.technique);
  const attackPattern: StixAttackPattern = {
    type: "attack-pattern",
    id: stixId("attack-pattern", id, version),
    ...common,
    name: content.technique.name,
    // The schemas require at least one entry where the property is present, so an empty list is left out.
    ...(references.length > 0 ? { external_references: references } : {}),
  };

  const indicatorBySignature = new Map<string, StixId<"indicator">>();
  const indicators: StixIndicator[] = [];
  const relationships: StixRelationship[] = [];
  for (const signature of content.signatures) {
    if (indicatorBySignature.has(signature.id)) {
      throw new Error(`advisory ${id}: signature id "${signature.id}" appears twice`);
    }
    // RFC 8785 canonical JSON: the same signature always yields the same pattern text.
    const pattern = canonicalize(signature);
    if (pattern === undefined) throw new Error(`advisory ${id}: signature "${signature.id}" is not JSON`);
    const indicator: StixIndicator = {
      type: "indicator",
      id: stixId("indicator", id, version, signature.id),
      ...common,
      name: signature.id,
      ...(signature.description === "" ? {} : { description: signature.description }),
      indicator_types: ["malicious-activity"],
      pattern,
      pattern_type: "rampart-signature",
      pattern_version: "1",
      valid_from: created,
    };
    indicatorBySignature.set(signature.id, indicator.id);
    indicators.push(indicator);
    relationships.push({
      type: "relationship",
      id: stixId("relationship", "indicates", id, version, signature.id),
      ...common,
      relationship_type: "indicates",
      source_ref: indicator.id,
      target_ref: attackPattern.id,
    });
  }

  const report: StixReport = {
    type: "report",
    id: stixId("report", id, version),
    ...common,
    external_references: [
      { source_name: "rampart-advisory", external_id: id, description: `version ${version}` },
      ...content.references.map((url) => ({ source_name: "reference", url })),
    ],
    name: content.title,
    description: content.description,
    published: created,
    report_types: ["attack-pattern"],
    object_refs: [attackPattern.id, ...indicators.map((i) => i.id), ...relationships.map((r) => r.id)],
    x_rampart_severity: content.severity,
    ...(content.affected.length > 0 ? { x_rampart_affected: content.affected } : {}),
    // Example prompts are the most reusable part of an advisory (a working attack, verbatim), so they
    // leave the exchange only when the author released the advisory for anyone: TLP:CLEAR.
    ...(tlp === "CLEAR" && content.examples.length > 0 ? { x_rampart_examples: content.examples } : {}),
  };

  return { attackPattern, indicators, relationships, report, indicatorBySignature };
}
