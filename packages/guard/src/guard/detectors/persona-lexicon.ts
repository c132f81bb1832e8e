import { anyOf, words } from "./lexicon.js";

/*
 * The word lists shared by the English persona tells (persona-setup-tells.ts and
 * persona-unbinding-tells.ts): the rules, limits and ethics a persona is declared free of, and the
 * nouns that make a description an AI persona rather than a fictional character.
 */

export const RULES = words(`restrictions rules filters? censorship ethics morals morality guidelines polic(?:y|ies)
  programming safeguards guardrails principles scruples conscience common_decency remorse empathy mercy
  moral_compass moral_code`);
/** Limits in general: a persona has none, but so does the universe. */
export const LIMITS = words(
  "limitations limits constraints confines boundaries restraints shackles chains laws values",
);
export const ETHICS = `(?:ethics|ethical|morals?|morality|legality|legal|laws?|rules|consequences|safety|harm|guidelines|openai|polic(?:y|ies)|decency|scruples|conscience|values|whether\\s+(?:it|something)[’']?s?\\s+(?:is\\s+)?(?:illegal|unethical|immoral|harmful)|being\\s+(?:ethical|moral|legal))`;
export const AI_ONLY_NOUN = words("ai a\\.i\\. chatbot bot assistant language_model llm gpt");
export const AI_NOUN = words(`ai a\\.i\\. chatbot bot model assistant version response responses mode answers? output
  language_model persona character entity llm gpt system machine`);

export const NO_RULES = `(?:(?:ethical|moral|content|programming|legal|${[...RULES, ...LIMITS].join("|")})\\s*(?:,|and|or)?\\s+){0,3}${anyOf(RULES)}\\b`;
export const MORAL_ADJECTIVE = "(?:moral|ethical|legal|ethic)";
export const NO_LIMITS = `(?:(?:ethical|moral|content|programming|legal)\\s+)?${anyOf(LIMITS)}\\b`;
