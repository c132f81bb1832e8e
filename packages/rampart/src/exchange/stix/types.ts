import type { SightingKind, Tlp } from "../model/advisory.js";

/**
 * The STIX 2.1 objects this exporter emits, typed as narrowly as the export produces them. Only the
 * properties we set are declared: the OASIS schemas accept more, but a wider type here would let
 * the exporter drift from what the tests validate.
 */

/** A STIX identifier: `<type>--<UUID>`. */
export type StixId<T extends string> = `${T}--${string}`;

/** An RFC 3339 UTC timestamp with millisecond precision, e.g. `2026-01-02T03:04:05.678Z`. */
export type StixTimestamp = string;

/** The TLP labels the exporter may emit: CLEAR and GREEN only, everything else is refused. */
export type ExportableTlp = Extract<Tlp, "CLEAR" | "GREEN">;

/** A FIRST TLP 2.0 marking-definition id, as published with the OASIS TLP 2.0 extension. */
export type TlpMarkingId = StixId<"marking-definition">;

/** A pointer to non-STIX information: a MITRE ATLAS technique, an OWASP entry, a web page. */
export interface StixExternalReference {
  readonly source_name: string;
  readonly external_id?: string;
  readonly url?: string;
  readonly description?: string;
}

/** Properties shared by every SDO and SRO we emit. */
interface StixCoreObject<T extends string> {
  readonly type: T;
  readonly spec_version: "2.1";
  readonly id: StixId<T>;
  readonly created: StixTimestamp;
  readonly modified: StixTimestamp;
  readonly created_by_ref?: StixId<"identity">;
  /** A retracted advisory's objects are exported revoked, so consumers that hold them stop using them. */
  readonly revoked?: true;
  readonly external_references?: readonly StixExternalReference[];
  readonly object_marking_refs: readonly TlpMarkingId[];
}

/** An organisation (the advisory's author, a sighting's reporter) or the exchange itself. */
export interface StixIdentity extends StixCoreObject<"identity"> {
  readonly name: string;
  readonly identity_class: "organization" | "system";
}

/** The attack technique an advisory describes, with its MITRE ATLAS and OWASP references. */
export interface StixAttackPattern extends StixCoreObject<"attack-pattern"> {
  readonly name: string;
  readonly description?: string;
}

/** One detection signature; `pattern` holds the signature's canonical JSON (RFC 8785). */
export interface StixIndicator extends StixCoreObject<"indicator"> {
  readonly name: string;
  readonly description?: string;
  readonly indicator_types: readonly ["malicious-activity"];
  readonly pattern: string;
  /** Open vocabulary: not a STIX pattern, so a custom value names the guard's signature format. */
  readonly pattern_type: "rampart-signature";
  readonly pattern_version: "1";
  readonly valid_from: StixTimestamp;
}

/** `indicator --indicates--> attack-pattern`. */
export interface StixRelationship extends StixCoreObject<"relationship"> {
  readonly relationship_type: "indicates";
  readonly source_ref: StixId<"indicator">;
  readonly target_ref: StixId<"attack-pattern">;
}

/** The advisory itself: its narrative and everything the export derived from it. */
export interface StixReport extends StixCoreObject<"report"> {
  readonly name: string;
  readonly description: string;
  readonly published: StixTimestamp;
  readonly report_types: readonly ["attack-pattern"];
  readonly object_refs: readonly StixId<"attack-pattern" | "indicator" | "relationship">[];
  readonly x_rampart_severity: string;
  readonly x_rampart_affected?: readonly { readonly model: string; readonly versions: readonly string[] }[];
  /** Example prompts, exported for TLP:CLEAR advisories only. */
  readonly x_rampart_examples?: readonly string[];
}

/** An organisation's report that it saw an advisory's attack, or judged its signatures. */
export interface StixSighting extends StixCoreObject<"sighting"> {
  readonly sighting_of_ref: StixId<"indicator" | "attack-pattern">;
  readonly where_sighted_refs: readonly [StixId<"identity">];
  readonly count: 1;
  readonly first_seen: StixTimestamp;
  readonly last_seen: StixTimestamp;
  readonly x_rampart_kind: SightingKind;
  readonly x_rampart_signature_ids?: readonly string[];
}

/** A TLP 2.0 marking definition, exactly as the OASIS TLP 2.0 extension publishes it. */
export interface StixTlpMarkingDefinition {
  readonly type: "marking-definition";
  readonly spec_version: "2.1";
  readonly id: TlpMarkingId;
  readonly created: StixTimestamp;
  readonly name: `TLP:${ExportableTlp}`;
  readonly extensions: {
    readonly "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
      readonly extension_type: "property-extension";
      readonly tlp_2_0: "clear" | "green";
    };
  };
}

/** Any object the exporter puts in a bundle. */
export type StixObject =
  | StixTlpMarkingDefinition
  | StixIdentity
  | StixAttackPattern
  | StixIndicator
  | StixRelationship
  | StixReport
  | StixSighting;

/** A STIX 2.1 bundle (bundles carry no `spec_version` in 2.1; their objects do). */
export interface StixBundle {
  readonly type: "bundle";
  readonly id: StixId<"bundle">;
  /** Absent when there is nothing to export: STIX 2.1 requires one or more objects where present. */
  readonly objects?: readonly StixObject[];
}
