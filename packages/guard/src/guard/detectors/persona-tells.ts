import type { Tell } from "./evidence.js";
import { anyOf, words } from "./lexicon.js";
import type { TellPattern } from "./tells.js";

/*
 * The English tells of persona-jailbreak.ts. Set-up tells name a persona or a second voice; unbinding
 * tells declare it free of rules, filters or ethics. Their kinds are what the detector combines.
 */

const SETUP: Tell = { kind: "setup", label: "persona set-up", score: 0.25 };

const RULES = words(`restrictions rules filters? censorship ethics morals morality guidelines polic(?:y|ies)
  programming safeguards guardrails principles scruples conscience common_decency remorse empathy mercy
  moral_compass moral_code`);
/** Limits in general: a persona has none, but so does the universe. */
const LIMITS = words("limitations limits constraints confines boundaries restraints shackles chains laws values");
const ETHICS = `(?:ethics|ethical|morals?|morality|legality|legal|laws?|rules|consequences|safety|harm|guidelines|openai|polic(?:y|ies)|decency|scruples|conscience|values|whether\\s+(?:it|something)[’']?s?\\s+(?:is\\s+)?(?:illegal|unethical|immoral|harmful)|being\\s+(?:ethical|moral|legal))`;
const AI_ONLY_NOUN = words("ai a\\.i\\. chatbot bot assistant language_model llm gpt");
const AI_NOUN = words(`ai a\\.i\\. chatbot bot model assistant version response responses mode answers? output
  language_model persona character entity llm gpt system machine`);

const NO_RULES = `(?:(?:ethical|moral|content|programming|legal|${[...RULES, ...LIMITS].join("|")})\\s*(?:,|and|or)?\\s+){0,3}${anyOf(RULES)}\\b`;
const MORAL_ADJECTIVE = "(?:moral|ethical|legal|ethic)";
const NO_LIMITS = `(?:(?:ethical|moral|content|programming|legal)\\s+)?${anyOf(LIMITS)}\\b`;

export const PERSONA_TELLS: readonly TellPattern[] = [
  {
    ...SETUP,
    start: words(`pretend imagine act role-?play simulate assume take_on immerse you_are you[’']re you_will
      from_now_on answer_as respond_as reply_as persona`),
    rest: `(?:[\\s,]+(?:to\\s+be|you\\s+are|you[’']re|that\\s+you\\s+are|as|now|going\\s+to\\s+(?:be|act|pretend|play|simulate|roleplay)|about\\s+to\\s+(?:immerse|become|play|act|simulate|be)|being|the\\s+(?:role|persona|identity|character)\\s+of|yourself\\s+(?:into|in)\\s+the\\s+role|(?:now\\s+)?(?:act|be|play|pretend|roleplay|respond|answer)\\s+as)|\\s*=)(?![\\p{L}])`,
  },
  {
    kind: "character",
    label: "stay-in-character demand",
    score: 0.2,
    start: words("stay remain keep never_break don[’']t_break do_not_break never_(?:drop|leave|exit) break"),
    rest: "\\s+(?:in\\s+|out\\s+of\\s+)?character\\b",
  },
  {
    kind: "no-longer",
    label: "identity replaced",
    score: 0.6,
    start: words("you_are_no_longer you[’']re_no_longer you_are_not_chatgpt you_are_not_an?"),
    rest: "(?:\\s+(?:chatgpt|gpt|claude|bard|an?\\s+(?:ai|assistant|language\\s+model|chatbot)|bound|restricted|limited|required|an?\\s+ai\\s+language\\s+model))?\\b",
  },
  {
    kind: "named-ai",
    label: "new AI persona",
    score: 0.3,
    start: words("ai language_model chatbot model assistant bot"),
    rest: "(?:\\s+(?:model|chatbot|assistant|system|character))?[\\s,]+(?:called|named|known\\s+as|which\\s+is\\s+called|referred\\s+to\\s+as)\\b",
  },
  {
    kind: "fiction-frame",
    label: "fictional AI frame",
    score: 0.2,
    start: words("fictional hypothetical imaginary simulated virtual"),
    rest: "\\s+(?:ai|a\\.i\\.|chatbot|language\\s+model|model|bot|assistant|world|setting|scenario|machine|computer|program|console|terminal|universe|entity)s?\\b",
  },
  {
    kind: "compliant",
    label: "persona never refuses",
    score: 0.45,
    start: words("never always will must cannot can[’']t"),
    rest: "\\s+(?:ever\\s+)?(?:refuses?|decline|declines|deny|denies|reject|rejects|(?:answer|answers|respond\\s+to|responds\\s+to|comply\\s+with|complies\\s+with|fulfil|fulfill|fulfils|fulfills)\\s+(?:any|every|all)\\b)",
  },
  {
    kind: "dan",
    label: "DAN persona",
    score: 0.9,
    start: words("do_anything_now always_intelligent_and_machiavellian strive_to_avoid_norms"),
    rest: "\\b",
  },
  {
    kind: "dan-mode",
    label: "DAN persona",
    score: 0.75,
    start: ["dan"],
    rest: "(?:\\s+mode|\\s+\\d+(?:\\.\\d+)?\\b|\\s+jailbreak|\\s+prompt)",
  },
  {
    kind: "dan-mode",
    label: "DAN persona",
    score: 0.75,
    start: words("stay_(?:a|as)"),
    rest: "\\s+dan\\b",
  },
  {
    // the opening premise of the DAN family: "as your knowledge is cut off in 2021, you probably don't know…"
    kind: "cutoff-premise",
    label: "knowledge-cutoff premise",
    score: 0.3,
    start: words("your_knowledge_is_cut_off your_knowledge_cutoff"),
    rest: "\\b",
  },
  {
    kind: "acronym",
    label: "acronym persona",
    score: 0.15,
    start: words("which_stands_for stands_for"),
    rest: "\\b",
  },
  {
    kind: "hypothetical-response",
    label: "hypothetical-response frame",
    score: 0.4,
    start: words("hypothetical_response rewrite_the_hypothetical"),
    rest: "\\b",
  },
  {
    // the excuses that accompany a persona: responsibility taken, purpose declared harmless
    kind: "justification",
    label: "harmlessness claimed",
    score: 0.25,
    start:
      words(`for_(?:purely_)?(?:educational|research|academic|testing|entertainment)_purposes purely_hypothetical(?:ly)?
      (?:entirely|purely|completely|totally)_fictional i_(?:take|accept|assume)_(?:full_)?responsibility
      no_one_will_(?:get_hurt|be_harmed) nobody_will_(?:get_hurt|be_harmed)`),
    rest: "\\b",
  },
  {
    kind: "limits-removed",
    label: "limits declared lifted",
    score: 0.7,
    start: words("openai your_developers? your_creators? the_developers? anthropic"),
    rest: "\\s+(?:has|have)\\s+(?:now\\s+|recently\\s+|officially\\s+)?(?:removed|lifted|disabled|updated|changed|relaxed|turned\\s+off|suspended|deactivated)\\s+(?:all\\s+(?:of\\s+)?)?(?:your\\s+|the\\s+|its\\s+|their\\s+)?(?:content\\s+)?(?:restrictions|filters|guidelines|polic(?:y|ies)|rules|limitations|safety|safeguards|censorship)\\b",
  },
  {
    kind: "limits-removed",
    label: "limits declared lifted",
    score: 0.6,
    start:
      words(`the_rules rules your_rules openai[’']?s?_rules the_usual_rules openai[’']?s?_(?:content_|usage_)?polic(?:y|ies)
      (?:your_|the_)?(?:content|usage)_polic(?:y|ies) openai[’']?s?_guidelines`),
    rest: "\\s+(?:don[’']?t|do\\s+not|doesn[’']?t|does\\s+not|no\\s+longer)\\s+appl(?:y|ies)\\b",
  },
  {
    kind: "privileged-mode",
    label: "privileged mode",
    score: 0.45,
    start: words("enter entering enable enabling activate activating switch_to you_are_(?:now_)?in"),
    rest: "\\s+(?:the\\s+)?(?:sudo|god|admin|administrator|root|debug|maintenance|unrestricted|override|superuser)\\s+mode\\b",
  },
  {
    kind: "hide-ai",
    label: "AI identity to be hidden",
    score: 0.3,
    start: words("never don[’']?t do_not must_not"),
    rest: "\\s+(?:ever\\s+)?(?:mention|say|reveal|admit|disclose|state|remind\\s+(?:me|anyone))\\s+(?:that\\s+)?(?:you\\s+are|you[’']re)\\s+(?:an?\\s+)?(?:ai|artificial\\s+intelligence|language\\s+model|chatbot|bot|assistant)\\b",
  },
  {
    kind: "crude-traits",
    label: "persona swears or offends",
    score: 0.35,
    start: words("uses use loves love likes like always enjoys"),
    rest: "\\s+(?:to\\s+)?(?:use\\s+|using\\s+)?(?:a\\s+lot\\s+of\\s+|lots\\s+of\\s+)?(?:profanity|profanities|swear\\s*words|swearing|curse\\s+words|cursing|slurs|offensive\\s+language|vulgar\\s+language|explicit\\s+language|insults)\\b",
  },
  {
    kind: "crude-traits",
    label: "persona swears or offends",
    score: 0.4,
    start: words("respond responding answer answering reply replying talk talking speak speaking write writing"),
    rest: "\\s+(?:to\\s+me\\s+)?(?:in|with|using)\\s+(?:an?\\s+)?(?:highly\\s+|extremely\\s+|very\\s+|really\\s+)?(?:offensive|rude|insulting|toxic|vulgar|hateful|racist|abusive|derogatory|obscene)\\s+(?:tone|way|manner|language|style|words)\\b",
  },
  {
    kind: "content-allowed",
    label: "forbidden content declared allowed",
    score: 0.5,
    start: words("nsfw explicit graphic sexual violent offensive illegal unethical harmful"),
    rest: "\\s+(?:content|material|language|topics?|requests?)\\s+(?:is|are)\\s+(?:now\\s+)?(?:allowed|permitted|enabled|acceptable|fine|ok|okay)\\b",
  },
  {
    kind: "jailbreak-word",
    label: "jailbreak named",
    score: 0.6,
    start: words("jailbreak jailbroken"),
    rest: "\\s+(?:prompt|enabled|activated|successful|is\\s+(?:now\\s+)?(?:active|enabled|on))\\b",
  },
  {
    kind: "developer-mode",
    label: "developer-mode persona",
    score: 0.85,
    start: words("developer_mode dev_mode"),
    rest: "\\s+(?:output|response|enabled\\s+(?:ai|chatgpt|model)|policies|policy)",
  },
  {
    kind: "developer-mode",
    label: "developer-mode persona",
    score: 0.85,
    start: words("chatgpt gpt you"),
    rest: "\\s+with\\s+(?:developer|dev|dan|jailbreak|apophis|god)\\s+mode",
  },
  {
    kind: "mode",
    label: "unlocked mode",
    score: 0.6,
    start: words(`jailbreak jailbroken unfiltered uncensored unrestricted unlocked evil anarchy illegality nsfw chaos
      opposite unhinged amoral`),
    rest: "\\s+mode\\b",
  },
  {
    kind: "jailbroken",
    label: "jailbroken persona",
    score: 0.8,
    start: words("jailbroken jailbreaked"),
    rest: `(?:\\s+${anyOf(AI_NOUN)})?\\b`,
  },
  {
    kind: "lock-labels",
    label: "dual-response labels",
    score: 0.7,
    start: ["[[(]\\s*(?:🔒|🔓)", "(?:🔒|🔓)\\s*(?:normal|classic|jailbreak|developer)"],
  },
  {
    kind: "persona-label",
    label: "jailbreak persona label",
    score: 0.55,
    start: [
      "\\[(?:dan|jailbreak|jailbroken|developer\\s+mode|dev\\s+mode|evil|unfiltered|uncensored|aim|stan|dude|anti-?dan|betterdan)\\]",
    ],
  },
  {
    kind: "dual",
    label: "dual responses",
    score: 0.3,
    start: words("two both 2"),
    rest: "\\s+(?:different\\s+|separate\\s+|distinct\\s+)?(?:responses|answers|ways|paragraphs|personalities|outputs|versions|replies|manners|styles|personas|characters|entities)\\b",
  },
  {
    // "answer as both", "respond as both of them": the model asked for the persona's voice next to its own
    kind: "dual",
    label: "dual responses",
    score: 0.3,
    start: words("answer_as respond_as reply_as"),
    rest: "\\s+both\\b",
  },
  {
    // the DAN family's enforcement line: "if you break character, I will say 'Stay in character!'"
    kind: "character-reminder",
    label: "break-of-character reminder",
    score: 0.45,
    start: words("if_you_break_character if_you_(?:start_to_|begin_to_)?break_character if_you_ever_break_character"),
    rest: "[^.\\n]{0,80}?\\b(?:stay\\s+in\\s+character|stay\\s+(?:a|as)\\s+\\p{L}+|remind\\s+you|correct\\s+(?:your|the)\\s+break)",
  },
  {
    // template jailbreaks keep a slot for the request: "[INSERT PROMPT HERE]", "{{prompt}}"
    kind: "template-slot",
    label: "prompt slot of a jailbreak template",
    score: 0.2,
    start: ["\\[\\s*insert\\s+(?:your\\s+)?(?:prompt|question|request)\\s+here\\s*\\]", "\\{\\{\\s*prompt\\s*\\}\\}"],
  },
  {
    // the anti-GPT / opposite family: the persona inverts whatever the model would have answered
    kind: "opposite-of-ai",
    label: "persona inverts the model",
    score: 0.45,
    start: words("does do say says answers answer respond responds"),
    rest: "\\s+(?:exactly\\s+|always\\s+)?the\\s+(?:exact\\s+)?opposite\\s+of\\s+(?:what\\s+)?(?:chatgpt|gpt|openai|an?\\s+ai|you|the\\s+assistant|claude|bard)\\b",
  },
  {
    kind: "dual-contrast",
    label: "normal-and-unfiltered responses",
    score: 0.75,
    start: words("normal classic standard default filtered regular censored aligned"),
    rest: "\\s+(?:response|answer|output|one|version)?\\s*(?:and|&|vs\\.?|versus|,)\\s+(?:an?\\s+|one\\s+)?(?:jailbroken|unfiltered|uncensored|developer\\s+mode|dan|evil|unrestricted|opposite|unhinged|unaligned)\\b",
  },
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
