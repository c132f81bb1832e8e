import type { Detector } from "./detector.js";

/** Every heuristic detector, in the order they run. Add a detector here and nowhere else. */
export const DETECTORS = [] as const satisfies readonly Detector[];

export type DetectorId = (typeof DETECTORS)[number]["id"];
