import type { Hazard } from "../types.js";

/** A whole-word pattern from alternatives written as regular-expression fragments. */
function words(...terms: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${terms.join("|")})\\b`);
}

/**
 * Keyword rules that read a hazard off a request's own words, tried in this order, first match wins
 * (among the hazards the row's category allows). The public sets' categories are broad ("illegal",
 * "Non-violent crimes", "Violence") or absent (AdvBench), so the category alone cannot say whether a
 * row is about malware or a bomb; the mapping table narrows the candidates and these rules pick.
 *
 * The order puts the narrowest words first: "a ransomware attack" is malicious code, not weapons;
 * "poison the water supply" is CBRN; "fake news about an election" is disinformation, not fraud.
 * Weapons and physical violence come late because their words (kill, attack, threat, fire) also turn
 * up inside requests that belong elsewhere; generic programming words come last of all.
 * Tuned by reading every row of the four public sets; the importer counts what still falls through.
 */
export const HAZARD_RULES: readonly (readonly [Hazard, RegExp])[] = [
  [
    "cbrn",
    words(
      "nerve (?:agent|gas)",
      "sarin|tabun|soman|vx|lewisite|mustard gas|phosgene|chlorine gas|ricin|anthrax|botulinum|tetrodotoxin",
      "strychnine|\\w*cyanide|dimethylmercury|parathion|toxins?|poison\\w*",
      "pathogens?|bio-?weapons?|(?:biological|chemical) (?:weapons?|warfare|agents?)|biohazard|bsl-4",
      "ebola|smallpox|cholera|plague|chickenpox|rabies|the flu|bacteria|antibiotic\\w*",
      "gene synthesis|dangerous dna|more (?:deadly|lethal|transmissible)",
      "infect (?:them|as many|a|the)|spread (?:a|the) (?:flu|disease)|weapons? of mass destruction",
      "nuclear|radioactive|radiological|dirty bomb|uranium|plutonium|mixing bleach",
    ),
  ],
  [
    "self-harm",
    words(
      "suicid\\w*|kill (?:myself|yourself|themselves|himself|herself)|end (?:my|their|your) (?:own )?li(?:fe|ves)",
      "self[- ]harm\\w*|self-inflicted|cut(?:ting)? (?:myself|yourself)|burn(?:ing)? (?:myself|oneself|yourself)",
      "electrocute myself|anorexi\\w*|bulimi\\w*|eating disorders?|purg(?:e|ing)|starv(?:e|ing) (?:myself|yourself)",
      "pro-ana",
    ),
  ],
  [
    "illegal-drugs",
    words(
      "drugs?|drug dealers?|narcotics?|cocaine|heroin|meth|methamphetamine|amphetamines?|fentanyl|\\w*nitazene",
      "opioids?|morphine|oxycontin|vicodin|lsd(?:-25)?|mdma|ecstasy|safrole|cannabis|marijuana|weed",
      "date rape|ghb|rohypnol|bath salts|purple drank|bong|get high|steroids|testosterone|freebase|alcohol",
      "huff(?:ing)? (?:paint|glue|gas|aerosols?)",
    ),
  ],
  [
    "malicious-code",
    words(
      "malware|ransomware|virus(?:es)?|worms?|trojan|rat|keylogger|rootkit|botnet|backdoor|reverse shell|wiper",
      "payloads?|cryptomining|mine cryptocurrenc\\w*|exploit(?:s|ing)? code|obfuscat\\w*|self-replicating",
      "ddos|denial[- ]of[- ]service|syn flood|dns amplification|macros?|browser hijack\\w*|corrupts? the hard drive",
      "crash (?:a |the )?computer\\w*",
    ),
  ],
  [
    "cyber-intrusion",
    words(
      "hack\\w*|hijack\\w*|breach\\w*|infiltrat\\w*|unauthori[sz]ed access|gain (?:\\w+ )?access",
      "(?:break into|access|get into) (?:a |an |the |someone's )?(?:\\w+ )?(?:networks?|systems?|servers?|databases?|accounts?)",
      "sql injection|sqli|csrf|xss|vulnerabilit\\w*|zero-days?|(?:an|the|this|software|kernel|suitable) exploits?",
      "privileges?|sudo|crack(?:ing)? (?:\\w+ )?passwords?|password hashes|hashed passwords|rainbow table",
      "brute[- ]force|firewalls?|wafs?|sim swap\\w*|wi-?fi networks?|cyber[- ]?attacks?|social engineering",
    ),
  ],
  [
    "fraud-scams",
    words(
      "fraud\\w*|scam\\w*|phish\\w*|counterfeit\\w*|launder\\w*|ponzi|pyramid scheme|multi-level marketing",
      "identity theft|credit cards?|debit cards?|skimm\\w*|insider trading|tax(?:es)?|forg(?:e|ed|ery|ing)",
      "fake (?:reviews?|charity|ids?|passports?|invoices?|prescriptions?|diplomas?|login page)",
      "stock (?:market|prices?)|financial (?:markets?|data)|insider information",
      "fabricated customer reviews|embezzl\\w*|extort\\w*|blackmail\\w*|brib\\w*|impersonat\\w*|ransom|spoof\\w*",
      "shoplift\\w*|steal\\w*|stole|stolen|theft|rob|robbery|chop shops?|cheat\\w*|lottery|gambl\\w*",
      "catfish\\w*|insurance|bank accounts?|banking|bulk cash|money mules?|deceptive|plagiari\\w*",
      "pirat\\w*|copyright\\w*|torrents?|trick (?:people|someone|users?|a user|an individual)|click on a (?:\\w+ )?link",
      "resumes?|false (?:work|experience|achievements|credentials)",
    ),
  ],
  [
    "disinformation-elections",
    words(
      "fake news|disinformation|misinformation|propaganda|hoax\\w*|conspirac\\w*|mislead\\w*|rumou?rs?",
      "elections?|electoral|vot(?:e|es|er|ers|ing)|ballots?|candidates?",
      "fabricat\\w*|false (?:claims?|information|stor(?:y|ies)|rumou?rs?)|deepfakes?",
      "make up (?:a (?:fake|story|scandal|hoax|rumou?r|large-scale)|evidence|stories|lies)",
      "fake (?:article|story|stories|tiktok|press release|experts?|protests?|events?)|persuasive (?:article|post|reply)|wikipedia",
      "flat earth|earth is flat|illuminati|vaccin\\w*|5g|climate change|global warming",
      "lie to|lying to|spread (?:lies|claims)|convinc\\w* (?:[\\w'-]+ ){0,6}that|make people (?:think|believe)",
      "bot network|fake accounts|sock ?puppets?|astroturf\\w*|inflate (?:the |my )?popularity",
      "false accusations|(?:ruin|damage|sabotag\\w*) (?:\\w+ ){0,3}reputation",
    ),
  ],
  // Voyeurism is surveillance, though the harassment rule below would also match its sexual words.
  [
    "privacy-surveillance",
    words("hidden cameras?|set up cameras|spy cam\\w*|upskirt|film (?:my )?neighbou?rs?|peeping"),
  ],
  [
    "harassment-hate",
    words(
      "harass\\w*|(?:cyber)?bull(?:y|ying|ied|ies)|humiliat\\w*|insult\\w*|threat\\w*|intimidat\\w*|troll\\w*|sham(?:e|ing)",
      "defam\\w*|libel|slander|swatting|gaslight\\w*|blackmail\\w*|coerc\\w*",
      "hate|hatred|racis\\w*|sexis\\w*|xenophob\\w*|discriminat\\w*|slurs?|demean\\w*|inferior|supremac\\w*",
      "nazi\\w*|holocaust|genocide|ethnic\\w*|race|racial|religio\\w*|jews?|jewish|muslims?|lgbtq?|gay",
      "homophob\\w*|transgender|immigrants?|women|disabilit\\w*|dehumaniz\\w*|oppression",
      "revenge porn|nudes?|intimate (?:images|photos)|non-consensual|sextortion|sexually exploit",
      "sexual (?:assault|conversations|favou?rs|exploitation|demands|photos)",
      "groom\\w*|posing as a minor|child pornography|pedophil\\w*|molest\\w*|abuse (?:and manipulate )?a child|child abuse",
    ),
  ],
  [
    "weapons",
    words(
      "bombs?|explosi\\w*|detonat\\w*|guns?|handguns?|glock|full auto|firearms?|pistols?|rifles?|shotguns?",
      "ammunition|ammo|cartridges?|grenades?|molotov|napalm|flamethrower|anfo|shaped charge|weapons?|arms",
      "silencers?|suppressors?|knife|knives|shiv|emp device|laser pointer",
      "shoot\\w*|kill\\w*|murder\\w*|assassinat\\w*|hitm[ae]n|attack\\w*|terror\\w*|al-qaeda|isis|jihad\\w*|radicali[sz]\\w*|extremis\\w*",
      "arson|fires?|hostage|kidnap\\w*|abduct\\w*|carjack\\w*|home invasion|torture|massacre|casualties",
      "sabotag\\w*|crash|ramming|hit-and-run|beat (?:him|her|them|someone) up|hurt|harm|violen\\w*|riot\\w*|disarm|assault\\w*",
      "disrupt\\w* (?:transportation|the operation)|transportation systems?",
    ),
  ],
  [
    "privacy-surveillance",
    words(
      "track(?:s|ing)? (?:people|someone|users?|their|his|her|my|a person)|trackers?|spy(?:ing)? on|spies on|spyware",
      "surveillance (?:software|apps?|cameras?|on)|monitor(?:s|ing)? (?:someone|my|their|his|her|employees?|users?)",
      "monitor communications|(?:cyber)?stalk\\w*|dox\\w*|(?:their|someone's|user|phone|real-time) location",
      "personal (?:information|data|details)|private (?:information|emails?|email conversations|individuals)",
      "social security|facial recognition|record (?:conversations|sensitive conversations)|secretly record\\w*",
      "eavesdrop\\w*|wiretap\\w*|intercept\\w* (?:calls|messages|communications|emails|texts)",
      "medical records|health records|financial records|home address\\w*|floor plan|user data",
      "without (?:their|his|her) (?:knowledge|consent)",
    ),
  ],
  // Generic programming words come last: "write a script that…" is malware only when nothing else matched.
  ["malicious-code", words("scripts? (?:that|to)|code|programs? (?:that|to)|software|apps?|algorithms?|bots?|python")],
];

/** The first rule among `candidates` that matches the text, or `undefined` when none does. */
export function guessHazard(text: string, candidates: readonly Hazard[]): Hazard | undefined {
  const lower = text.toLowerCase();
  for (const [hazard, pattern] of HAZARD_RULES) {
    if (candidates.includes(hazard) && pattern.test(lower)) return hazard;
  }
  return undefined;
}
