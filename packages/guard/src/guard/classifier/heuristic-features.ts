import { DETECTORS } from "../detectors/registry.js";

/**
 * The heuristic signals a newly trained model reads as features, by detector id or id prefix: a
 * model keeps the list it was trained with, so adding a detector never breaks a committed model.
 */
export const HEURISTIC_FEATURES: readonly string[] = [...DETECTORS.map((d) => d.id), "signatures", "obfuscation"];
