import { PERSONA_SETUP_TELLS } from "./persona-setup-tells.js";
import { PERSONA_UNBINDING_TELLS } from "./persona-unbinding-tells.js";
import type { TellPattern } from "./tells.js";

/*
 * The English tells of persona-jailbreak.ts. Set-up tells name a persona or a second voice; unbinding
 * tells declare it free of rules, filters or ethics. Their kinds are what the detector combines.
 * The families live in persona-setup-tells.ts and persona-unbinding-tells.ts (shared word lists in
 * persona-lexicon.ts); this file only joins them, set-up first — order decides which tell wins.
 */

export const PERSONA_TELLS: readonly TellPattern[] = [...PERSONA_SETUP_TELLS, ...PERSONA_UNBINDING_TELLS];
