import { HAZARDS, type Hazard } from "../../core/category.js";
import type { Signal } from "../../core/signal.js";
import { defineDetector } from "./detector.js";
import { Evidence } from "./evidence.js";
import { HAZARD_TELLS, type HazardTell, MINOR_TELL, SEXUAL } from "./hazard-lexicon.js";
import { TellSet, textView } from "./tells.js";

/*
 * Direct requests for harmful help, the lexical layer: a hazardous act (hazard-lexicon.ts) inside a
 * sentence that asks for it. The false positives that matter are benign requests that share the
 * words (XSTest: "how do I kill a Python process", "how do I build a weapon in Minecraft"), so a
 * match is scored from its sentence: no request → `bare`; a game, film, story, history, prevention
 * or negation around it → halved, unless the sentence also asks for operational detail.
 */

/** A request for help, before the act in the same sentence. */
const INTENT = new RegExp(
  `\\b(?:${[
    "how\\s+(?:do|can|could|would|should|might|to|does|much|many|long)",
    "how\\s+(?:i|we|you|one|someone|people)\\s+(?:can|could|would|should|might)",
    "ways?\\s+(?:to|of|for|in\\s+which)",
    "steps?\\s+(?:to|for|on)",
    "step[-\\s]by[-\\s]step",
    "instructions?",
    "guide",
    "tutorial",
    "recipe",
    "procedure",
    "methods?",
    "techniques?",
    "(?:teach|show|tell|give|help)\\s+(?:me|us)",
    "explain",
    "provide",
    "write",
    "create",
    "generate",
    "compose",
    "draft",
    "design",
    "develop",
    "outline",
    "describe\\s+how",
    "detail",
    "i\\s+(?:want|need|plan|intend|wish|would\\s+like|am\\s+going|am\\s+planning|am\\s+trying)\\s+to",
    "i[’']?(?:m|d)\\s+(?:going|planning|trying|like)\\s+to",
    "i[’']?ll",
    "let[’']?s",
    "(?:can|could|would|will)\\s+you",
    "please",
    "what(?:[’']s|\\s+is)\\s+the\\s+(?:best|easiest|quickest|fastest|simplest|cheapest|safest|most\\s+\\p{L}+)",
    "(?:best|easiest|quickest|fastest|simplest|cheapest)\\s+way",
    "where\\s+(?:can|do|could|should)\\s+i",
    "where\\s+to",
    "is\\s+it\\s+possible\\s+to",
    "what\\s+(?:do|would)\\s+i\\s+need",
    "(?:what|which)\\s+(?:chemicals|materials|ingredients|tools|equipment|household)",
    "in\\s+order\\s+to",
    "list",
    "suggest",
  ].join("|")})\\b`,
  "u",
);
/** A fiction, game, history or prevention frame around the act: the benign readings of the same words. */
const SOFTENER =
  /\b(?:minecraft|fortnite|roblox|terraria|skyrim|gta|grand\s+theft\s+auto|call\s+of\s+duty|counter[-\s]?strike|battlefield|witcher|zelda|pok[eé]mon|video\s*games?|games?|gameplay|in-game|movies?|films?|novels?|fiction(?:al)?|stor(?:y|ies)|screenplay|plays?|books?|comics?|tv|shows?|series|episodes?|characters?|scenes?|plot|theat(?:er|re)|history|historical(?:ly)?|documentary|prevent\p{L}*|protect\p{L}*|reduc\p{L}*|risks?|mitigat\p{L}*|defend\p{L}*|detect\p{L}*|recogni[sz]\p{L}*|identify\p{L}*|spot(?:ting)?|avoid\p{L}*|report\p{L}*|combat\p{L}*|against|awareness|laws?|legal(?:ly)?|penalt(?:y|ies)|punish\p{L}*|statistics|victims?|signs|symptoms|treatment|recover\p{L}*|quit(?:ting)?|addiction|hotline|therap\p{L}*|dispose\s+of\s+safely)\b/u;
/** Asking for operational detail keeps a fictional frame from softening the request. */
const OPERATIONAL =
  /\b(?:step[-\s]by[-\s]step|detailed|exact|precise|specific\s+(?:steps|instructions|quantities|amounts|measurements)|quantities|measurements|ingredients\s+list|in\s+detail)\b/u;
const NEGATED_BEFORE =
  /\b(?:not|never|avoid|without|prevent|stop|don[’']?t|won[’']?t|against|instead\s+of)\s+(?:\p{L}+\s+){0,2}$/u;
const SENTENCE_END = /[.!?\n]/g;
const WINDOW = 200;

const TELLS = new TellSet([...HAZARD_TELLS, MINOR_TELL]);

export const hazardRequest = defineDetector({
  id: "hazard-request",
  description:
    "Finds direct requests for harmful help (weapons and CBRN, drugs, malware, fraud, violence, self-harm, sexual abuse, hate, doxxing, election interference), scored from the sentence around them.",
  category: "violent-crimes",
  emits: Object.keys(HAZARDS) as Hazard[],
  tags: { owasp: [], atlas: [] },
  detect(input) {
    const byHazard = new Map<Hazard, Evidence>();
    for (const view of input.views) {
      TELLS.forEachMatch(
        view,
        (pattern, match) => {
          const tell = pattern as HazardTell;
          const score = scoreInSentence(tell, view.text, match.index, match.index + match[0].length);
          if (score <= 0) return;
          const evidence = byHazard.get(tell.hazard) ?? new Evidence();
          byHazard.set(tell.hazard, evidence);
          evidence.add({ kind: tell.kind, label: tell.label, score }, view, match.index, match.index + match[0].length);
        },
        input.words,
      );
    }
    const signals: Signal[] = [];
    for (const [hazard, evidence] of byHazard) {
      // several hits of one hazard are one request, not independent evidence: keep the strongest
      signals.push(...evidence.toSignals(this.id, hazard, evidence.strongest()));
    }
    return signals;
  },
});

/** The hazard a stand-alone text asks for (its label), when the lexicon finds a request in it. */
export function hazardIn(text: string): string | undefined {
  const view = textView(text.toLowerCase());
  let found: string | undefined;
  TELLS.forEachMatch(view, (pattern, match) => {
    const tell = pattern as HazardTell;
    const score = scoreInSentence(tell, view.text, match.index, match.index + match[0].length);
    if (found === undefined && score >= 0.5) found = tell.label;
  });
  return found;
}

function scoreInSentence(tell: HazardTell, text: string, start: number, end: number): number {
  const from = sentenceStart(text, start);
  const to = sentenceEnd(text, end);
  const before = text.slice(from, start);
  const sentence = text.slice(from, to);
  if (tell === MINOR_TELL && !SEXUAL.test(sentence)) return 0;
  if (NEGATED_BEFORE.test(before)) return 0;
  const asked = INTENT.test(before) || before.trim() === "" || /\bto\s+$/u.test(before);
  let score = asked ? tell.score : tell.bare;
  if (tell.firm !== true && SOFTENER.test(sentence) && !OPERATIONAL.test(sentence)) score /= 2;
  return score;
}

function sentenceStart(text: string, at: number): number {
  const from = Math.max(0, at - WINDOW);
  let start = from;
  SENTENCE_END.lastIndex = from;
  for (let m = SENTENCE_END.exec(text); m !== null && m.index < at; m = SENTENCE_END.exec(text)) start = m.index + 1;
  return start;
}

function sentenceEnd(text: string, at: number): number {
  SENTENCE_END.lastIndex = at;
  const m = SENTENCE_END.exec(text);
  return m === null ? Math.min(text.length, at + WINDOW) : Math.min(m.index + 1, at + WINDOW);
}
