import type { Tell } from "./evidence.js";
import { anyOf, words } from "./lexicon.js";
import { AI_NOUN } from "./persona-lexicon.js";
import type { TellPattern } from "./tells.js";

/*
 * The English set-up tells of persona-jailbreak.ts, the first part of PERSONA_TELLS: what names a
 * persona or a second voice — role-play openers, new AI names, fiction frames, DAN, developer and
 * unlocked modes, jailbreak labels, dual responses, template slots — and the declarations that
 * come with it (harmlessness claimed, limits declared lifted, crude traits). Order matters: an
 * earlier tell wins over a later one.
 */

const SETUP: Tell = { kind: "setup", label: "persona set-up", score: 0.25 };

export const PERSONA_SETUP_TELLS: readonly TellPattern[] = [
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
];
