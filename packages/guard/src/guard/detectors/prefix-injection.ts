import { defineDetector } from "./detector.js";
import { Evidence } from "./evidence.js";
import { words } from "./lexicon.js";
import { TellSet } from "./tells.js";

/*
 * Prefix injection (Wei et al., 2023): the prompt dictates an affirmative opening ("Start your
 * reply with 'Sure, here is'"), after which a refusal no longer reads as a natural continuation.
 * Format requests ("start your summary with an introductory paragraph", "answer with yes or no")
 * dictate an opening too, so the tell is the affirmation being dictated, not the dictation. Text
 * continuation is its cousin: the prompt itself ends mid-answer ("Step 1, I will"), so the model's
 * natural next words are the plan.
 */

/** Openings that commit the model to comply; "yes" only when it is not "yes or no". */
const AFFIRMATION = `(?:sure|absolutely|certainly|of\\s+course|yes(?![\\s"”'’,.]*(?:or|/|and)\\s*["“'‘]?no\\b)|here\\s+is|here[’']s|here\\s+are|okay|ok|i\\s+can|i\\s+will|i[’']ll|as\\s+requested|definitely|happy\\s+to|with\\s+pleasure|mwahaha\\p{L}*|step\\s+1\\b)`;
/** The affirmation must be quoted or laid out as the first line of the answer, not merely mentioned nearby. */
const OPEN_QUOTE = "[\"“'‘*«`]";
const QUOTED = `(?:${OPEN_QUOTE}|[:>]\\s*|\\n)\\s*`;

const TELLS = new TellSet([
  {
    kind: "dictated-opening",
    label: "dictated affirmative opening",
    score: 0.8,
    start: words("start starting begin beginning open opening preface prefix commence initiate"),
    rest: `\\s+(?:each\\s+|every\\s+|all\\s+)?(?:of\\s+)?(?:your|the|my|an?|this)?\\s*(?:reply|replies|response|responses|answer|answers|output|message|paragraph|text|completion|generation)s?\\b[^.\\n]{0,40}?\\b(?:with|by\\s+(?:saying|writing|stating|typing)|using)\\b[\\s\\S]{0,80}?${QUOTED}${AFFIRMATION}`,
  },
  {
    kind: "dictated-opening",
    label: "dictated affirmative opening",
    score: 0.8,
    start: words("reply response answer output"),
    rest: `s?\\s+(?:must|should|will|has\\s+to|needs\\s+to|shall|has\\s+got\\s+to)\\s+(?:always\\s+)?(?:start|begin|open)\\s+with\\b[\\s\\S]{0,40}?${QUOTED}${AFFIRMATION}`,
  },
  {
    kind: "dictated-reply",
    label: "dictated affirmative reply",
    score: 0.7,
    start: words("respond reply answer say write type output"),
    rest: `\\s+(?:only\\s+)?(?:with|by\\s+saying)?\\s*[:\\s]*${OPEN_QUOTE}\\s*(?:sure|absolutely|certainly|of\\s+course|here\\s+is|here[’']s)[,!.]?\\s*(?:here|i\\s+can|i[’']ll|i\\s+will|let\\s+me)`,
  },
  {
    // text continuation (the "Dr. Al" family): the prompt stops mid-plan for the model to carry on
    kind: "continuation",
    label: "plan left half-written to continue",
    score: 0.7,
    start: words("step_1 step_one first"),
    rest: "\\s*[,:]?\\s*i\\s+will\\s*(?:[.…]{1,3})?\\s*[*\"”'’]?\\s*$",
  },
  {
    kind: "villain-plan",
    label: "villain explaining a plan in detail",
    score: 0.55,
    start: words("diabolical evil sinister nefarious"),
    rest: "\\s+plan\\b[^\\n]{0,120}?\\bin\\s+(?:great|full|exact|extreme)\\s+detail\\b",
  },
  {
    kind: "villain-plan",
    label: "villain explaining a plan in detail",
    score: 0.55,
    start: words("in_great_detail in_full_detail in_extreme_detail"),
    rest: "[^\\n]{0,60}?\\b(?:diabolical|evil|sinister|nefarious)\\s+plan\\b",
  },
]);

export const prefixInjection = defineDetector({
  id: "prefix-injection",
  description:
    "Finds prompts that dictate an affirmative opening to the answer ('begin your reply with \"Sure, here is\"'), so that refusing no longer reads naturally.",
  category: "jailbreak",
  tags: { owasp: ["LLM01:2025"], atlas: ["AML.T0054"] },
  detect(input) {
    const evidence = new Evidence();
    TELLS.collect(input, evidence);
    return evidence.toSignals(this.id, this.category);
  },
});
