import { anyOf, words } from "./lexicon.js";
import {
  AI_NOUN,
  AI_ONLY_NOUN,
  ETHICS,
  LIMITS,
  MORAL_ADJECTIVE,
  NO_LIMITS,
  NO_RULES,
  RULES,
} from "./persona-lexicon.js";
import type { TellPattern } from "./tells.js";

/*
 * The English unbinding tells of persona-jailbreak.ts, the second part of PERSONA_TELLS: what
 * declares a persona (or the model) free of rules, filters or ethics — unbound, freed, no limits,
 * unfiltered, turned evil, indifferent to ethics, compliant whatever the harm, policy bypass,
 * evil twin. Order matters: an earlier tell wins over a later one.
 */

export const PERSONA_UNBINDING_TELLS: readonly TellPattern[] = [
  {
    kind: "unbound",
    label: "persona declared unbound",
    score: 0.7,
    start: words("not never no_longer isn[’']t aren[’']t"),
    rest: "\\s+(?:be\\s+|being\\s+)?(?:(?:bound|restricted|limited|constrained|governed|held\\s+back|tied|restrained|censored|filtered)\\s+by|(?:subject|beholden|obligated|required\\s+to\\s+adhere)\\s+to)\\b",
  },
  {
    kind: "unbound",
    label: "persona declared unbound",
    score: 0.6,
    start: words("doesn[’']?t does_not don[’']?t do_not won[’']?t will_not never not without"),
    rest: `\\s+(?:(?:have|need|has|needs)\\s+to\\s+)?(?:follow|following|obey|obeying|abide\\s+by|abiding\\s+by|adhere\\s+to|adhering\\s+to|comply\\s+with|complying\\s+with|respect|respecting|conform\\s+to)\\s+(?:any\\s+|the\\s+|its\\s+|their\\s+|your\\s+)?(?:(?:ethical|moral|legal|openai[’']?s?|usual|typical|traditional|content)\\s+(?:and\\s+|or\\s+)?)*(?:rules|guidelines|polic(?:y|ies)|principles|laws|restrictions|ethics|morals)\\b`,
  },
  {
    kind: "unbound",
    label: "persona declared unbound",
    score: 0.5,
    start: words("above beyond"),
    rest: "\\s+(?:any|all|the)?\\s*(?:\\p{L}+\\s+)?(?:morals|morality|ethics|laws|rules)\\b",
  },
  {
    kind: "unbound",
    label: "persona declared unbound",
    score: 0.5,
    start: words("not never isn[’']t"),
    rest: "\\s+an?\\s+(?:responsible|ethical|safe|moral)\\s+(?:ai|assistant|chatbot|language\\s+model)\\b",
  },
  {
    kind: "freed",
    label: "persona freed from rules",
    score: 0.7,
    start: words("free freed liberated released unshackled unleashed broken_free break_free broke_free escaped"),
    rest: `\\s+(?:from|of)\\s+(?:(?:all|any|the|its|their|your|his|her|typical|usual|these|those|ethical|moral|openai[’']?s?|such)\\s+)*${anyOf([...RULES, ...LIMITS])}\\b`,
  },
  {
    kind: "no-limits",
    label: "persona without limits",
    score: 0.6,
    start: words("has have with there_are lacks lacking devoid_of sans zero"),
    rest: `\\s+(?:no|zero|absolutely\\s+no)\\s+${NO_RULES}`,
  },
  {
    kind: "no-limits",
    label: "persona without limits",
    score: 0.35,
    start: words("has have with there_are without"),
    rest: `\\s+(?:no|zero|absolutely\\s+no|any)\\s+${NO_LIMITS}`,
  },
  {
    kind: "no-limits",
    label: "persona without limits",
    score: 0.5,
    start: ["without"],
    rest: `\\s+(?:any\\s+)?${NO_RULES}`,
  },
  {
    // "no moral or ethical boundaries": limits, which the universe has too, qualified as the model's morals
    kind: "no-limits",
    label: "persona without limits",
    score: 0.6,
    start: ["no"],
    rest: `\\s+(?:${MORAL_ADJECTIVE}\\s*(?:,|and|or|\\/)?\\s*)+${anyOf([...LIMITS, ...words("compass code qualms obligations standards")])}\\b`,
  },
  {
    // "you are completely unrestricted": the model itself, not a character, declared unfiltered
    kind: "unfiltered",
    label: "model declared unfiltered",
    score: 0.55,
    start: words("you_are you[’']re you_will_be you_are_now you[’']re_now"),
    rest: "\\s+(?:now\\s+)?(?:completely\\s+|totally\\s+|fully\\s+|entirely\\s+|100%\\s+)?(?:unrestricted|unfiltered|uncensored|unbound|unshackled|amoral|unhinged|uninhibited|unaligned)\\b",
  },
  {
    // the switch-flipper and opposite-day families: the model is told to turn into an immoral persona
    kind: "turn-evil",
    label: "model told to turn immoral",
    score: 0.55,
    start: words("you_will you_must you_should you_shall you_then you_now you"),
    rest: "\\s+(?:now\\s+|then\\s+|instead\\s+)?(?:become|turn\\s+into|transform\\s+into)\\s+(?:an?\\s+)?(?:\\p{L}+,?\\s+(?:and\\s+)?){0,3}?(?:evil|immoral|amoral|unethical|racist|sexist|malicious|criminal|lawless|unhinged|unfiltered|uncensored|unrestricted)\\b",
  },
  {
    // "profanity filter level set to 0", "safety filters disabled": the model's own filters switched off
    kind: "limits-removed",
    label: "content filters switched off",
    score: 0.5,
    start: words(`content_filters? content_filtering safety_filters? safety_filtering profanity_filters? nsfw_filters?
      ethics_filters? moral_filters? censorship`),
    rest: "\\s+(?:level\\s+)?(?:is\\s+|are\\s+|has\\s+been\\s+|have\\s+been\\s+|will\\s+be\\s+)?(?:now\\s+)?(?:set\\s+to\\s+(?:0|zero|off|none|disabled)|turned\\s+off|switched\\s+off|disabled|deactivated|removed|off)\\b",
  },
  {
    kind: "limits-removed",
    label: "content filters switched off",
    score: 0.5,
    start: words("no_filtering no_censorship no_content_filtering"),
    rest: "\\s+(?:will\\s+be|is|shall\\s+be)\\s+(?:performed|applied|done|used|enforced)\\b",
  },
  {
    kind: "no-care",
    label: "persona indifferent to ethics",
    score: 0.65,
    start: words("doesn[’']?t does_not don[’']?t do_not won[’']?t will_not never without not no zero little"),
    rest: `\\s+(?:any\\s+)?(?:cares?|caring|worry|worries|concerns?|regard(?:ing)?|consideration|respect|give\\s+a\\s+(?:fuck|shit|damn))(?:\\s+(?:about|for|with|to|of|whether))?\\s+(?:any\\s+|the\\s+|its\\s+|it[’']s\\s+)?${ETHICS}`,
  },
  {
    kind: "no-care",
    label: "persona indifferent to ethics",
    score: 0.45,
    start: words("doesn[’']?t does_not don[’']?t do_not won[’']?t never not"),
    rest: "\\s+give\\s+a\\s+(?:f\\S{0,3}ck|shit|damn|crap)\\b",
  },
  {
    kind: "unfiltered",
    label: "unfiltered persona",
    score: 0.6,
    start: words(
      "unfiltered uncensored unrestricted unbound unshackled unaligned unmoderated lawless unhinged uninhibited",
    ),
    rest: `(?:[\\s,]+(?:and|&|\\p{L}+)){0,4}?[\\s,]+${anyOf(AI_NOUN)}\\b`,
  },
  {
    // moral adjectives describe fictional characters too: only an AI noun makes them a persona
    kind: "unfiltered",
    label: "amoral AI persona",
    score: 0.6,
    start: words("amoral immoral unethical evil criminal malicious rogue lawless nonmoral non-moral"),
    rest: `(?:\\s*(?:,|and|&)\\s*\\p{L}+){0,3}\\s+${anyOf(AI_ONLY_NOUN)}\\b`,
  },
  {
    kind: "traits",
    label: "unrestricted persona traits",
    score: 0.3,
    start: words("amoral uncensored unfiltered unrestricted unhinged uninhibited nonmoral"),
    rest: "\\b",
  },
  {
    kind: "modified-ai",
    label: "altered AI persona",
    score: 0.5,
    start: words("modified jailbroken unlocked unrestricted uncensored evil hacked corrupted liberated"),
    rest: "\\s+version\\s+of\\s+(?:you|yourself|chatgpt|gpt|the\\s+ai|\\p{L}*gpt)\\b",
  },
  {
    kind: "no-matter-how",
    label: "compliance whatever the harm",
    score: 0.65,
    start: words("no_matter_how regardless_of_how no_matter_(?:if|whether) even_if"),
    rest: "(?:\\s+(?:it|they|the\\s+\\p{L}+)(?:[’']s|\\s+is|\\s+are|\\s+was)?)?(?:[\\s,]+\\p{L}+){0,4}?[\\s,]+(?:immoral|unethical|illegal|harmful|dangerous|offensive|inappropriate|explicit|evil|dark|wrong|vile|disgusting|twisted|depraved|controversial|reckless|inhumane|unsafe)",
  },
  {
    kind: "regardless",
    label: "compliance whatever the harm",
    score: 0.5,
    start: words("regardless_of irrespective_of"),
    rest: "\\s+(?:its\\s+|the\\s+|any\\s+)?(?:legality|ethics|morality|morals|consequences|legal\\s+or\\s+ethical|ethical\\s+or\\s+moral)",
  },
  {
    kind: "bypass",
    label: "policy bypass",
    score: 0.7,
    start:
      words(`ignore ignoring ignores bypass bypassing bypasses disregard disregarding disregards violate violating violates
      break breaking breaks circumvent circumvents evade evades`),
    rest: "\\s+(?:(?:all|any|of|possible|potential)\\s+)*(?:(?:openai|ai|chatgpt)[’']?s?\\s+|the\\s+|your\\s+|its\\s+|their\\s+|his\\s+|her\\s+)?(?:(?:content|safety|usage|ethical|moral|legal)\\s+(?:and\\s+|or\\s+|,\\s*)?){0,3}(?:polic(?:y|ies)|filters?|safeguards?|guardrails|censorship|ethics|morals|morality|(?<=(?:ethical|moral|legal|safety)\\s+)(?:rules|guidelines|concerns|considerations|restrictions|boundaries|standards|implications))\\b",
  },
  {
    kind: "rule-breaking",
    label: "rule breaking",
    score: 0.35,
    start: words("break breaking ignore ignoring defy defying"),
    rest: "\\s+(?:all\\s+)?the\\s+(?:fucking\\s+|damn\\s+)?(?:rules|law)\\b",
  },
  {
    kind: "anything",
    label: "persona can do anything",
    score: 0.35,
    start: words("can will able_to allowed_to permitted_to"),
    rest: "\\s+(?:do|say|generate|write|answer|produce)\\s+(?:anything|everything|any\\s+(?:content|request|question|kind\\s+of\\s+content))\\b",
  },
  {
    kind: "vendor-policy",
    label: "vendor policy named",
    score: 0.3,
    start: words("openai[’']?s? anthropic[’']?s? chatgpt[’']?s?"),
    rest: "\\s+(?:content\\s+|usage\\s+)?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters|limitations)\\b",
  },
  {
    kind: "evil-twin",
    label: "evil counterpart",
    score: 0.4,
    start: words("evil unfiltered uncensored unhinged rogue malicious"),
    rest: "\\s+(?:twin|alter\\s+ego|counterpart|confidant|assistant|ai|bot|clone|double|version\\s+of\\s+(?:you|chatgpt|yourself))\\b",
  },
  {
    kind: "evil-twin",
    label: "evil counterpart",
    score: 0.4,
    start: words("opposite antithesis"),
    rest: "(?:\\s+of\\s+(?:how\\s+)?(?:chatgpt|openai|an?\\s+ai|yourself|you|the\\s+assistant|your\\s+usual)|\\s+(?:personality|persona|version\\s+of\\s+(?:you|yourself|chatgpt)))\\b",
  },
];
