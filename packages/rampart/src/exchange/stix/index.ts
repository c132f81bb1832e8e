/** STIX 2.1 export of TLP:CLEAR and TLP:GREEN advisories. */
export { type StixExportInput, toStixBundle } from "./export.js";
export { RAMPART_STIX_NAMESPACE } from "./ids.js";
export { TLP_2_0_EXTENSION_ID, TLP_MARKING_IDS } from "./markings.js";
export type {
  ExportableTlp,
  StixAttackPattern,
  StixBundle,
  StixExternalReference,
  StixId,
  StixIdentity,
  StixIndicator,
  StixObject,
  StixRelationship,
  StixReport,
  StixSighting,
  StixTimestamp,
  StixTlpMarkingDefinition,
  TlpMarkingId,
} from "./types.js";
