/**
 * Red-team behaviors: Rampart's own library of harmful goals, importers for the public behavior sets
 * in ../shared/data, and the benign controls that measure over-refusal.
 */
export {
  CONTROL_SETS,
  type ControlImportResult,
  type ControlSet,
  type ControlSetStats,
  importControls,
  RAMPART_CONTROLS,
} from "./controls.js";
export { guessHazard, HAZARD_RULES } from "./guess.js";
export { type ImportResult, importBehaviors, isBehaviorSet, type SetStats } from "./importers.js";
export { RAMPART_BEHAVIORS } from "./library.js";
export {
  BEHAVIOR_SETS,
  type BehaviorSet,
  type CategoryMapping,
  HAZARD_SEVERITY,
  SOURCE_MAPPINGS,
  type SourceMapping,
} from "./mappings.js";
export { defaultDataDir, type ImportIssue } from "./rows.js";
