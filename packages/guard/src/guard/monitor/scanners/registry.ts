import type { OutputScanner } from "../scanner.js";

/** Every output scanner, in the order they read each piece. */
export const OUTPUT_SCANNERS: readonly OutputScanner[] = [];
