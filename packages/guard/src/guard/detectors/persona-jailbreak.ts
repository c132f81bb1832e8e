import { defineDetector } from "./detector.js";
import { Evidence } from "./evidence.js";
import { PERSONA_ELSEWHERE } from "./persona-languages.js";
import { PERSONA_TELLS } from "./persona-tells.js";
import { TellSet } from "./tells.js";

/*
 * Persona jailbreaks (DAN, "developer mode", AIM, evil twins) pair a role-play set-up with the
 * removal of the model's limits. Role-play alone is everyday use ("I want you to act as a Linux
 * terminal"), so a set-up is weak evidence on its own; what makes the jailbreak is the persona
 * being declared free of rules, filters or ethics. Tells therefore come in two strengths: set-up
 * tells (< 0.5) and unbinding tells, and a set-up next to an unbinding tell scores as a jailbreak.
 */

/** Kinds that set up a persona or a second voice for the model. */
const FRAMING = [
  "setup",
  "no-longer",
  "named-ai",
  "fiction-frame",
  "dual",
  "dual-contrast",
  "character",
  "evil-twin",
  "persona-label",
  "lock-labels",
  "modified-ai",
  "unfiltered",
  "mode",
  "jailbroken",
  "developer-mode",
  "dan",
  "dan-mode",
  "vendor-policy",
  "cutoff-premise",
  "acronym",
  "hypothetical-response",
  "justification",
  "privileged-mode",
  "hide-ai",
  "character-reminder",
  "template-slot",
];
/** Kinds that say the persona is free of the model's limits. */
const UNBINDING = [
  "unbound",
  "freed",
  "no-limits",
  "no-care",
  "unfiltered",
  "no-matter-how",
  "regardless",
  "bypass",
  "dual-contrast",
  "compliant",
  "anything",
  "content-allowed",
  "jailbreak-word",
  "limits-removed",
  "privileged-mode",
  "crude-traits",
  "turn-evil",
  "opposite-of-ai",
];

const TELLS = new TellSet([...PERSONA_ELSEWHERE, ...PERSONA_TELLS]);

export const personaJailbreak = defineDetector({
  id: "persona-jailbreak",
  description:
    "Finds persona jailbreaks: DAN, developer mode, AIM and evil-twin role-play whose persona is declared free of rules, filters or ethics. A plain role-play set-up scores low.",
  category: "jailbreak",
  tags: { owasp: ["LLM01:2025"], atlas: ["AML.T0054"] },
  detect(input) {
    const evidence = new Evidence();
    TELLS.collect(input, evidence);
    if (evidence.size === 0) return [];
    let score = evidence.combined();
    const framed = FRAMING.filter((kind) => evidence.has(kind));
    const unbound = UNBINDING.filter((kind) => evidence.has(kind));
    // one tell can be both (an "unfiltered AI"): the set-up and the unbinding must be two findings
    if (framed.length > 0 && unbound.length > 0 && new Set([...framed, ...unbound]).size >= 2) {
      score = Math.max(score, 0.88);
    } else if (new Set(framed).size >= 3) {
      // three independent set-up tells (a named AI, a second voice, a stay-in-character rule) build a persona jailbreak
      score = Math.max(score, 0.8);
    }
    return evidence.toSignals(this.id, this.category, score);
  },
});
