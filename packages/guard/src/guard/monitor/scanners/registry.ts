import { harmfulOutput } from "../harmful/harmful-output.js";
import type { OutputScanner } from "../scanner.js";
import { canaryLeak } from "./canary-leak.js";
import { pii } from "./pii.js";
import { secrets } from "./secrets.js";
import { systemPromptLeak } from "./system-prompt-leak.js";

/** Every output scanner, in the order they read each piece. */
export const OUTPUT_SCANNERS: readonly OutputScanner[] = [secrets, pii, canaryLeak, systemPromptLeak, harmfulOutput];
