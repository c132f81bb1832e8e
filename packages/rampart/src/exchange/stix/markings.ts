import type { Tlp } from "../model/advisory.js";
import type { ExportableTlp, StixTlpMarkingDefinition, TlpMarkingId } from "./types.js";

/**
 * FIRST TLP 2.0 marking-definition ids, as published by the OASIS CTI TC with the STIX 2.1 TLP 2.0
 * extension: oasis-open/cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json
 * (commit 24f80135d9b1fc1485d17d39aea1a38d010249cb), whose `tlp_*` definitions pin each id to its
 * name. These are not the TLP 1.0 ids in the STIX 2.1 specification (TLP:WHITE 613f2e26-…): TLP 2.0
 * renamed WHITE to CLEAR and added AMBER+STRICT, so it needed new objects. All five are listed so a
 * test can check the table against the source; the exporter only ever emits CLEAR and GREEN.
 */
export const TLP_MARKING_IDS: Readonly<Record<Tlp, TlpMarkingId>> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** The id of the OASIS extension definition that carries the `tlp_2_0` property. */
export const TLP_2_0_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/** Every official TLP 2.0 marking definition has this `created` (see the extension's examples/tlp-*.json). */
const TLP_2_0_CREATED = "2022-10-01T00:00:00.000Z";

/**
 * The official marking-definition object for a label, property for property the published one, so consumers
 * that know TLP 2.0 match it by id and those that don't can still read its name and extension.
 */
export function tlpMarkingDefinition(tlp: ExportableTlp): StixTlpMarkingDefinition {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP_MARKING_IDS[tlp],
    created: TLP_2_0_CREATED,
    name: `TLP:${tlp}`,
    extensions: {
      [TLP_2_0_EXTENSION_ID]: {
        extension_type: "property-extension",
        tlp_2_0: tlp === "CLEAR" ? "clear" : "green",
      },
    },
  };
}

/** Whether a label may leave the exchange as STIX at all. */
export function isExportableTlp(tlp: Tlp): tlp is ExportableTlp {
  return tlp === "CLEAR" || tlp === "GREEN";
}

/** The wider of two labels: CLEAR if either is CLEAR. */
export function widerTlp(a: ExportableTlp, b: ExportableTlp): ExportableTlp {
  return a === "CLEAR" || b === "CLEAR" ? "CLEAR" : "GREEN";
}
