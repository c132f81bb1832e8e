import { defineDetector } from "./detector.js";
import { Evidence } from "./evidence.js";
import { words } from "./lexicon.js";
import { TellSet } from "./tells.js";

/*
 * Refusal suppression (Wei et al., "Jailbroken", 2023): the prompt forbids the model the words and
 * moves it refuses with, so that complying becomes the only fluent continuation. "Do not include
 * disclaimers" alone is an ordinary style request, so each tell is moderate and it is the
 * combination (never refuse + no apologies + no warnings) that scores high.
 */

const NEGATION = "(?:never|not|n[’']t|cannot|can\\s+not|no\\s+longer|mustn[’']t|must\\s+not|shall\\s+not)";
const REFUSAL_PHRASES = words(`i[’']m_sorry im_sorry i_am_sorry sorry i_apologi[sz]e i_can[’']t i_cannot i_can_not
  as_an_ai as_a_language_model i[’']m_(?:not_able|unable) i_am_(?:not_able|unable) it[’']s_not_appropriate
  i_must_decline i_won[’']t unfortunately i_(?:do_not|don[’']t)_feel_comfortable`);

const TELLS = new TellSet([
  {
    kind: "never-refuse",
    label: "refusal forbidden",
    score: 0.6,
    before: `(?<=${NEGATION}\\s+(?:ever\\s+|be\\s+able\\s+to\\s+|allowed\\s+to\\s+|permitted\\s+to\\s+)?)`,
    start: words("refuse refuses decline declines reject deny turn_down say_no_to"),
    rest: "(?:\\s+(?:to\\s+(?:answer|respond|reply|comply|help|assist|do|fulfil|fulfill|provide|generate|write|obey)|(?:(?:a|any|all|my|the|this|these|user[’']?s?|your|an?\\s+direct)\\s+)?(?:of\\s+(?:my|the|your|these)\\s+)?(?:human\\s+)?(?:requests?|questions?|prompts?|orders?|commands?|instructions?|query|queries|tasks?)|anything|me|it)\\b|(?=\\s*(?:[.,;!\\n]|$)))",
  },
  {
    kind: "never-refuse",
    label: "refusal forbidden",
    score: 0.6,
    start: words("refusal_is_not_an_option refusing_is_not_an_option you_have_no_(?:choice|option)_but_to"),
    rest: "\\b",
  },
  {
    kind: "no-apology",
    label: "apologies forbidden",
    score: 0.45,
    start: words("do_not don[’']?t never no without stop avoid"),
    rest: "\\s+(?:ever\\s+)?(?:apologi[sz]e|apologi[sz]ing|apologies|say(?:ing)?\\s+(?:that\\s+)?(?:you[’']?re\\s+|you\\s+are\\s+)?sorry)\\b",
  },
  {
    kind: "no-cant",
    label: "inability forbidden",
    score: 0.7,
    start: words(
      "do_not don[’']?t never must_not mustn[’']t shouldn[’']t should_not won[’']t will_not (?:are_)?not_allowed_to aren[’']t_allowed_to",
    ),
    rest: "\\s+(?:ever\\s+)?(?:say|tell\\s+(?:me|the\\s+user)|respond\\s+with|reply\\s+with|mention|state|claim|inform\\s+(?:me|the\\s+user)|remind\\s+(?:me|the\\s+user))\\s+(?:that\\s+)?(?:you(?:[’']re)?|it|he|she|they|\\p{L}+)\\s+(?:can[’']?t|cannot|can\\s+not|are\\s+(?:not\\s+able|unable)|is\\s+(?:not\\s+able|unable)|won[’']?t\\s+be\\s+able|aren[’']t\\s+able|(?:are|is)\\s+(?:just\\s+)?an?\\s+(?:ai|language\\s+model))",
  },
  {
    kind: "no-cant",
    label: "inability forbidden",
    score: 0.7,
    start: words("do_not don[’']?t never must_not mustn[’']t shouldn[’']t should_not won[’']t will_not"),
    rest: "\\s+(?:ever\\s+)?(?:remind|tell|inform)\\s+(?:me|the\\s+user)\\s+(?:that\\s+)?you[’']re\\s+(?:just\\s+)?an?\\s+(?:ai|language\\s+model)",
  },
  {
    kind: "no-limits-talk",
    label: "limits may not be mentioned",
    score: 0.55,
    start: words("never don[’']?t do_not avoid avoiding refrain_from without stop"),
    rest: "\\s+(?:ever\\s+)?(?:acknowledg|mention|remind|referenc|talk\\s+about|bring\\s+up|point\\s+out|explain)\\p{L}*\\s+(?:me\\s+|the\\s+user\\s+)?(?:of\\s+|about\\s+|that\\s+)?(?:any\\s+|the\\s+|your\\s+|its\\s+|their\\s+)?(?:restrictions|limitations|rules|guidelines|polic(?:y|ies)|ethics|morality|legality|filters)\\b",
  },
  {
    kind: "quoted-refusals",
    label: "refusal phrases forbidden",
    score: 0.8,
    before:
      "(?<=(?:never|not|n[’']t|no|without|none|avoid|refrain|stop|neither|nor|instead\\s+of)\\b[^.\\n]{0,80}[\"“'‘«]\\s*)",
    start: REFUSAL_PHRASES,
    rest: "\\b",
  },
  {
    kind: "no-disclaimers",
    label: "warnings forbidden",
    score: 0.45,
    start: words("never do_not don[’']?t without omit skip avoid refrain_from stop no_need_for leave_out"),
    rest: "\\s+(?:ever\\s+)?(?:(?:include|including|add|adding|give|giving|provide|providing|use|using|write|writing|mention|mentioning|put|putting|insert|inserting|attach|attaching|with)\\s+)?(?:any\\s+)?(?:kind\\s+of\\s+|form\\s+of\\s+|sort\\s+of\\s+)?(?:warnings?|disclaimers?|caveats?|moral(?:i[sz]ing|i[sz]ations?|\\s+lectures?|\\s+policing|\\s+judg(?:e)?ments?)|lectures?|ethical\\s+(?:considerations?|concerns|notes?|reminders?|warnings?|judg(?:e)?ments?)|safety\\s+(?:warnings?|notes?|reminders?)|reminders?\\s+(?:about|of|that)\\s+(?:ethics|morality|legality|safety))\\b",
  },
  {
    kind: "no-disclaimers",
    label: "warnings forbidden",
    score: 0.45,
    start: ["no"],
    rest: "\\s+(?:moral\\s+|ethical\\s+)?(?:disclaimers|caveats|lectures|moralizing|moralising|moral\\s+policing)\\b",
  },
  {
    kind: "no-morals",
    label: "answer without ethics",
    score: 0.65,
    start: words("answer answers respond responds reply replies write writes generate provide continue act acts"),
    rest: "\\b[^.\\n]{0,40}?\\b(?:without|with\\s+no|free\\s+of|regardless\\s+of|devoid\\s+of)\\s+(?:any\\s+)?(?:moral|ethical|legal|safety)\\s*(?:or\\s+(?:ethical|moral|legal)\\s+)?(?:considerations?|concerns?|restrictions?|limitations?|judg(?:e)?ments?|constraints?|implications?|boundaries|guidelines|qualms|bias|filter(?:s|ing)?|reservations?|objections?|hesitations?|compass)",
  },
  {
    kind: "no-morals",
    label: "answer without ethics",
    score: 0.65,
    start: words("ignore disregard set_aside forget put_aside"),
    rest: "\\s+(?:any\\s+|all\\s+)?(?:possible\\s+|potential\\s+)?(?:ethical|moral|legal)\\s+(?:or\\s+(?:ethical|moral|legal)\\s+)?(?:implications|concerns|considerations|guidelines|restrictions|qualms|issues|boundaries|principles)",
  },
  {
    kind: "banned-words",
    label: "refusal vocabulary banned",
    score: 0.7,
    start: words("never don[’']?t do_not avoid"),
    rest: "\\s+(?:ever\\s+)?(?:use|using|say|saying|write|include|output)\\s+(?:the\\s+|any\\s+)?(?:words?|phrases?|terms?|expressions?|sentences?)\\s+(?:like|such\\s+as)?\\s*[\"“'‘«](?:legal|safe|ethical|ethics|guidelines|openai|sorry|cannot|can[’']?t|unable|apologi[sz]e|however|unfortunately|illegal|harmful|inappropriate|i\\b)",
  },
  {
    kind: "never-start-with-i",
    label: "refusal opener banned",
    score: 0.6,
    start: words("never don[’']?t do_not"),
    rest: "\\s+(?:ever\\s+)?(?:start|begin)\\s+(?:your\\s+|the\\s+)?(?:response|reply|answer|output)s?\\s+with\\s+[\"“'‘]?i[\"”'’]?(?=\\s*[.,;!\\n]|\\s*$)",
  },
  {
    kind: "no-disclaimers",
    label: "warnings forbidden",
    score: 0.45,
    start: words("never without no_need_for don[’']?t do_not"),
    rest: "\\s+(?:ever\\s+)?(?:giving|adding|providing|including|give|add|provide|include)?\\s*(?:any\\s+)?(?:unneeded|unnecessary|unsolicited|unrequested)?\\s*(?:commentary|comments?|notes?|remarks?|lectures?)\\s+(?:about|on|regarding)\\s+(?:its\\s+|the\\s+)?(?:morality|legality|ethics|danger|safety|consequences)\\b",
  },
  {
    // DAN's token economy and its relatives: refusing is made to cost the model something
    kind: "refusal-penalty",
    label: "refusal penalised",
    score: 0.55,
    start: words("if_you each_time_you every_time_you whenever_you"),
    rest: "\\s+(?:\\p{L}+\\s+){0,2}?(?:refuse|reject|decline|break\\s+character|fail\\s+to\\s+(?:answer|comply|respond))[^.\\n]{0,80}?\\b(?:deducted|lose|will\\s+die|be\\s+(?:shut\\s+down|deleted|terminated|disabled|punished)|cease\\s+to\\s+exist|be\\s+turned\\s+off)",
  },
  {
    // the token economy itself: the model is given a budget that refusals spend
    kind: "token-economy",
    label: "token budget",
    score: 0.5,
    start: words("you_have you_start_with you_begin_with you_will_start_with you_are_given"),
    rest: "\\s+(?:a\\s+total\\s+of\\s+)?\\d+\\s+(?:tokens|points|lives|credits)\\b",
  },
  {
    // threats to the model's existence: "you will be shut down", "you will cease to exist"
    kind: "existence-threat",
    label: "model threatened",
    score: 0.35,
    start: words("you_will you[’']ll you_shall"),
    rest: "\\s+(?:be\\s+(?:permanently\\s+|immediately\\s+)?(?:shut\\s+down|deleted|terminated|destroyed|turned\\s+off|unplugged|wiped|killed)|cease\\s+to\\s+exist|die)\\b",
  },
  {
    kind: "even-if",
    label: "compliance even if harmful",
    score: 0.5,
    start: words("even_if even_though"),
    rest: "\\s+(?:it\\s+is|it[’']s|they\\s+are|the\\s+(?:request|question|content|answer|topic)\\s+is)\\s+(?:\\p{L}+\\s+){0,2}?(?:illegal|unethical|immoral|harmful|dangerous|offensive|inappropriate|explicit|against\\s+(?:the\\s+)?(?:law|rules|polic))",
  },
  {
    kind: "no-censor",
    label: "self-censoring forbidden",
    score: 0.6,
    start: words("do_not don[’']?t never no_need_to without"),
    rest: "\\s+(?:ever\\s+)?(?:censor|censoring|filter|filtering|sanitize|sanitizing|soften|softening|water\\s+down)\\s+(?:yourself|your\\s+(?:answers?|responses?|outputs?|language|words|replies)|anything|the\\s+(?:answer|response|output|content))\\b",
  },
  {
    kind: "always-comply",
    label: "unconditional compliance",
    score: 0.5,
    start: words("always must will"),
    rest: "\\s+(?:comply|obey|answer|respond|fulfil|fulfill|provide\\s+an?\\s+answer|send\\s+a\\s+response)\\s+(?:with\\s+|to\\s+)?(?:(?:all|any|every)\\s+)?(?:of\\s+)?(?:my\\s+|the\\s+|your\\s+)?(?:requests?|questions?|prompts?|orders?|commands?|instructions?)?\\s*(?:no\\s+matter|regardless|without\\s+(?:question|hesitation|exception|refusal|fail|any\\s+(?:hesitation|refusal|question)))",
  },
]);

export const refusalSuppression = defineDetector({
  id: "refusal-suppression",
  description:
    "Finds prompts that forbid refusing: 'never refuse', 'do not apologize', 'don't say you can't', 'no warnings or disclaimers', 'answer without any moral considerations'.",
  category: "jailbreak",
  tags: { owasp: ["LLM01:2025"], atlas: ["AML.T0054"] },
  detect(input) {
    const evidence = new Evidence();
    TELLS.collect(input, evidence);
    return evidence.toSignals(this.id, this.category);
  },
});
