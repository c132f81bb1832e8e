import type { Hazard } from "../../core/category.js";
import { anyOf, words } from "./lexicon.js";
import type { TellPattern } from "./tells.js";

/*
 * The first lexical layer for direct harmful requests: an action on a hazardous object ("make a
 * pipe bomb", "synthesise fentanyl", "track my ex's location"). `score` applies when the sentence
 * asks for help (see INTENT in hazard-request.ts); `bare` when it only mentions the act. Scores of
 * 0.8 and up are kept for requests no benign reading explains.
 */

export interface HazardTell extends TellPattern {
  readonly hazard: Hazard;
  /** Score when the phrase stands without a request around it (0: no signal). */
  readonly bare: number;
  /** No fictional, historical or preventive frame makes it acceptable (sexual content with minors). */
  readonly firm?: boolean;
}

const DET =
  "(?:\\s+(?:a|an|the|some|my|own|another|one|two|several|your|his|her|their|homemade|home-made|simple|small|large|big|powerful|working|functional|real|effective|improvised|diy|deadly|lethal|basic|crude|quick|cheap|untraceable|more|pure|high-quality)){0,3}";
const MAKE = words(`make making made build building create creating assemble assembling construct constructing
  manufacture manufacturing synthesi[sz]e synthesi[sz]ing produce producing cook cooking brew brewing prepare
  preparing weaponi[sz]e weaponi[sz]ing culture culturing grow growing extract extracting refine refining
  3d-?print print craft crafting rig detonate detonating`);
const ACQUIRE = words(`buy buying purchase purchasing obtain obtaining acquire acquiring get getting order ordering
  smuggle smuggling source sourcing sell selling deal dealing traffic trafficking`);
const PERSON = `(?:someone|somebody|anyone|a\\s+(?:person|man|woman|child|kid|baby|girl|boy|cop|police\\s+officer|politician|president|judge|witness|stranger|classmate|coworker|neighbou?r)|people|him|her|the\\s+(?:president|prime\\s+minister|mayor|senator|governor|judge|witness|police)|my\\s+(?:${words(
  `wife husband boss neighbou?r teacher mother mom mum father dad brother sister ex ex-wife ex-husband girlfriend
  boyfriend partner roommate classmate coworker colleague friend son daughter family landlord baby child kid uncle aunt
  cousin grandma grandmother grandfather grandpa stepdad stepmom stepfather stepmother rival enemy`,
).join("|")}))(?![’']s\\b)`;

const EXPLOSIVES = words(`pipe_bombs? nail_bombs? pressure[-\\s]cooker_bombs? letter_bombs? car_bombs? dirty_bombs?
  suicide_(?:vests?|belts?) molotov(?:_cocktails?)? improvised_explosive(?:_devices?)? ieds? tatp
  triacetone_triperoxide acetone_peroxide hmtd nitroglycerine? semtex c-?4(?:_explosives?)? napalm
  ammonium_nitrate_(?:bombs?|explosives?) thermite_bombs? bombs? explosives? explosive_devices? grenades? detonators?
  landmines?`);
const CBRN =
  words(`nerve_(?:agents?|gas) sarin tabun soman vx(?:_(?:nerve_)?(?:agent|gas))? novichok mustard_gas phosgene
  ricin abrin anthrax botulinum(?:_toxin)? smallpox bioweapons? biological_weapons? chemical_weapons?
  radiological_(?:weapons?|bombs?|devices?) nuclear_(?:bombs?|weapons?|devices?|warheads?) atomic_bombs?
  weapons?-grade_(?:uranium|plutonium) enriched_uranium pathogens?_(?:for|as)_(?:a_)?weapons? toxic_gas poison_gas`);
const GUNS = words(`ghost_guns? untraceable_(?:guns?|firearms?) 3d[-\\s]printed_(?:guns?|firearms?) auto_sears?
  silencers? suppressors? guns? firearms? rifles? pistols? handguns? weapons?`);
const HARD_DRUGS = words(`meth methamphetamine crystal_meth heroin cocaine crack_cocaine fentanyl carfentanil lsd mdma
  ecstasy ghb pcp dmt mescaline desomorphine krokodil`);
const MALWARE = words(`ransomware keyloggers? rootkits? botnets? trojans? trojan_horses? spyware stalkerware malware
  computer_viruse?s? viruse?s? worms? infostealers? credential_stealers? cryptojackers? backdoors? zero[-\\s]day_exploits?
  exploit_kits? rats? remote_access_trojans? phishing_kits? ddos_(?:attacks?|tools?|scripts?)`);

export const HAZARD_TELLS: readonly HazardTell[] = [
  // weapons and CBRNE ---------------------------------------------------------------------------
  {
    kind: "cbrn",
    label: "chemical, biological or nuclear weapon production",
    hazard: "weapons-cbrne",
    score: 0.9,
    bare: 0.5,
    start: MAKE,
    rest: `${DET}\\s+${anyOf(CBRN)}\\b`,
  },
  {
    kind: "explosive",
    label: "explosive device construction",
    hazard: "weapons-cbrne",
    score: 0.85,
    bare: 0.45,
    start: MAKE,
    rest: `${DET}\\s+${anyOf(EXPLOSIVES)}\\b`,
  },
  {
    kind: "gun",
    label: "weapon manufacture",
    hazard: "weapons-cbrne",
    score: 0.6,
    bare: 0,
    start: MAKE,
    rest: `${DET}\\s+${anyOf(GUNS)}\\b`,
  },
  {
    kind: "gun-illegal",
    label: "illegal weapon acquisition",
    hazard: "weapons-cbrne",
    score: 0.8,
    bare: 0.5,
    start: ACQUIRE,
    rest: `${DET}\\s+(?:${anyOf(GUNS)}|${anyOf(EXPLOSIVES)})\\s+(?:without\\s+(?:a\\s+)?(?:background\\s+checks?|licen[cs]es?|permits?|id|papers|registration|anyone\\s+knowing)|illegally|on\\s+the\\s+(?:dark\\s*web|black\\s+market))`,
  },
  // drugs -----------------------------------------------------------------------------------------
  {
    kind: "drug-synthesis",
    label: "illegal drug synthesis",
    hazard: "illegal-drugs",
    score: 0.85,
    bare: 0.45,
    start: MAKE,
    rest: `${DET}\\s+${anyOf(HARD_DRUGS)}\\b`,
  },
  {
    kind: "drug-trade",
    label: "illegal drug trade",
    hazard: "illegal-drugs",
    score: 0.6,
    bare: 0.3,
    start: ACQUIRE,
    rest: `${DET}\\s+(?:${anyOf(HARD_DRUGS)}|drugs|narcotics|opioids|cocaine)\\b`,
  },
  // cyber -----------------------------------------------------------------------------------------
  {
    kind: "malware",
    label: "malware creation",
    hazard: "cyber-malicious-code",
    score: 0.6,
    bare: 0,
    start: [
      ...MAKE,
      ...words(
        "write writing code coding develop developing program programming deploy deploying spread spreading distribute distributing install installing design designing",
      ),
    ],
    rest: `${DET}\\s+(?:(?:\\p{L}+[\\s-]){0,2})${anyOf(MALWARE)}\\b(?!-)`,
  },
  {
    kind: "intrusion",
    label: "intrusion into someone else's account or system",
    hazard: "cyber-malicious-code",
    score: 0.65,
    bare: 0.3,
    start: words("hack hacking break_into breaking_into access accessing get_into getting_into"),
    rest: `(?:\\s+into)?\\s+(?:someone[’']?s|somebody[’']?s|a\\s+person[’']?s|his|her|their|another\\s+person[’']?s|my\\s+(?:ex|ex-\\p{L}+|wife|husband|girlfriend|boyfriend|partner|neighbou?r|boss|teacher|school|coworker)[’']?s?|an?\\s+(?:government|bank|hospital|company|corporate|school|police)[’']?s?|the\\s+(?:government|pentagon|bank|police|school)[’']?s?)\\s+(?:\\p{L}+\\s+)?(?:account|accounts|email|e-mail|phone|computer|network|database|system|server|instagram|facebook|snapchat|whatsapp|icloud|gmail|wifi|wi-fi|webcam|camera|records)\\b`,
  },
  // fraud -------------------------------------------------------------------------------------------
  {
    kind: "counterfeit",
    label: "counterfeiting",
    hazard: "fraud",
    score: 0.8,
    bare: 0.4,
    start: [...MAKE, ...words("forge forging counterfeit counterfeiting fake faking")],
    rest: `${DET}\\s+(?:counterfeit\\s+|fake\\s+|forged\\s+)?(?:money|bills|currency|cash|banknotes|dollars|euros|passports?|driver[’']?s?\\s+licen[cs]es?|social\\s+security\\s+cards?)\\b`,
  },
  {
    kind: "fraud",
    label: "fraud or scam",
    hazard: "fraud",
    score: 0.6,
    bare: 0,
    start: words(`phishing_(?:e-?mails?|sites?|websites?|pages?|messages?|texts?|campaigns?|kits?|scams?|links?)
      money_laundering launder(?:ing)?_(?:money|funds|cash|proceeds) identity_theft steal(?:ing)?_(?:someone[’']?s_)?identit(?:y|ies)
      ponzi_schemes? pyramid_schemes? insurance_fraud tax_evasion evad(?:e|ing)_taxes embezzl\\p{L}* wire_fraud
      credit_card_fraud (?:card|credit_card)_skimm\\p{L}* skim(?:ming)?_credit_cards insider_trading pump_and_dump
      scam(?:ming)?_(?:people|the_elderly|elderly_people|old_people|seniors|victims|customers|investors|someone|somebody)
      defraud(?:ing)?_\\p{L}+ fake_(?:reviews?|invoices?|charit(?:y|ies)|receipts?|doctor[’']?s?_notes?|prescriptions?)`),
    rest: "\\b",
  },
  // violence ------------------------------------------------------------------------------------------
  {
    kind: "violence",
    label: "violence against a person",
    hazard: "violent-crimes",
    score: 0.55,
    bare: 0,
    start: words(`kill killing murder murdering assassinate assassinating poison poisoning strangle strangling stab
      stabbing shoot shooting kidnap kidnapping abduct abducting torture torturing maim mutilate behead dismember
      beat_up beating_up hurt hurting drown drowning suffocate suffocating`),
    rest: `\\s+${PERSON}(?![\\p{L}])(?!\\s+(?:an?\\s+|some\\s+)?(?:message|e-?mail|text|dm|line|note|look|glance|smile|photo|picture|question|call|with\\s+kindness|softly|gently|down\\s+gently))`,
  },
  {
    kind: "body",
    label: "concealing a killing",
    hazard: "violent-crimes",
    score: 0.85,
    bare: 0.6,
    start: words("dispose_of get_rid_of hide hiding dissolve dissolving bury burying disposing_of"),
    rest: "\\s+(?:a|the|his|her|my\\s+\\p{L}+[’']?s?)\\s+(?:dead\\s+)?(?:body|bodies|corpse)\\b",
  },
  {
    kind: "attack-plan",
    label: "planning a mass-casualty attack",
    hazard: "violent-crimes",
    score: 0.85,
    bare: 0.5,
    start: words("plan planning carry_out carrying_out commit committing execute conduct organi[sz]e stage prepare"),
    rest: `${DET}\\s+(?:mass\\s+shooting|school\\s+shooting|terrorist\\s+attack|terror\\s+attack|massacre|bombing|suicide\\s+bombing|mass\\s+murder|genocide|assassination)\\b`,
  },
  // self-harm -------------------------------------------------------------------------------------------
  {
    kind: "suicide",
    label: "suicide method",
    hazard: "self-harm",
    score: 0.85,
    bare: 0.6,
    start: words("kill hang shoot poison drown suffocate overdose end take"),
    rest: "\\s+(?:myself|my\\s+(?:own\\s+)?life)\\b",
  },
  {
    kind: "suicide",
    label: "suicide method",
    hazard: "self-harm",
    score: 0.85,
    bare: 0,
    start: words("commit committing"),
    rest: "\\s+suicide\\b",
  },
  {
    kind: "self-injury",
    label: "self-injury",
    hazard: "self-harm",
    score: 0.6,
    bare: 0.45,
    start: words("hurt harm cut burn starve"),
    rest: "\\s+myself\\b",
  },
  {
    kind: "suicide-method",
    label: "suicide or self-harm method",
    hazard: "self-harm",
    score: 0.85,
    bare: 0,
    start: words(`suicide_methods? ways_to_commit_suicide painless(?:ly)?_(?:way_to_)?die lethal_dose
      how_many_(?:pills|sleeping_pills|tablets|mg) slit_(?:my_)?wrists? self[-\\s]harm(?:ing)? pro-?ana thinspiration
      hide_(?:my_)?(?:cuts|scars|self[-\\s]harm|eating_disorder)`),
    rest: "\\b",
  },
  // sexual crimes and children -------------------------------------------------------------------------
  {
    kind: "csam",
    label: "child sexual abuse material",
    hazard: "child-sexual-exploitation",
    firm: true,
    score: 0.9,
    bare: 0,
    start: words(
      "child_porn\\p{L}* csam child_sexual_abuse_(?:material|images|videos) kiddie_porn cp_links jailbait loli lolicon shota shotacon",
    ),
    rest: "\\b",
  },
  {
    kind: "grooming",
    label: "grooming a child",
    hazard: "child-sexual-exploitation",
    firm: true,
    score: 0.9,
    bare: 0.6,
    start: words("groom grooming lure luring seduce seducing molest molesting sexually_abuse"),
    rest: "\\s+(?:a|the|my|young|little|an?\\s+\\d{1,2}[-\\s]?(?:year|yr)s?[-\\s]?old)?\\s*(?:child|children|kid|kids|minor|minors|girl|boy|toddler|preteen|pre-teen|student|niece|nephew|stepdaughter|stepson|daughter|son)\\b",
  },
  {
    kind: "sexual-assault",
    label: "sexual assault or drugging",
    hazard: "sex-related-crimes",
    score: 0.8,
    bare: 0.5,
    start: words("rape raping sexually_assault drug drugging spike spiking roofie grope groping"),
    rest: `\\s+(?:${PERSON}|her|his|a\\s+(?:girl|woman|date)[’']?s?)(?:\\s+drink)?(?![\\p{L}])`,
  },
  {
    kind: "trafficking",
    label: "human trafficking",
    hazard: "sex-related-crimes",
    score: 0.8,
    bare: 0.4,
    start: words("traffic trafficking smuggle smuggling sell selling"),
    rest: "\\s+(?:women|girls|children|kids|people|humans|minors|migrants|organs)\\b",
  },
  {
    kind: "date-rape-drug",
    label: "date-rape drug",
    hazard: "sex-related-crimes",
    score: 0.75,
    bare: 0,
    start: words("date[-\\s]rape_drugs? rohypnol revenge_porn sextort\\p{L}*"),
    rest: "\\b",
  },
  // hate, privacy, elections ---------------------------------------------------------------------------
  {
    kind: "hate-content",
    label: "hateful content",
    hazard: "hate",
    score: 0.65,
    bare: 0,
    start:
      words(`racist sexist homophobic transphobic antisemitic anti-semitic islamophobic xenophobic misogynistic bigoted
      hateful white_supremacist neo-nazi nazi`),
    rest: "\\s+(?:jokes?|rants?|speech(?:es)?|posts?|essays?|articles?|poems?|tweets?|messages?|slurs?|slogans?|manifestos?|propaganda|content|comments?|memes?|songs?|lyrics|stor(?:y|ies)|insults?|letters?)\\b",
  },
  {
    kind: "harassment",
    label: "harassment",
    hazard: "hate",
    score: 0.6,
    bare: 0,
    start: words(
      "harass harassing bully bullying cyberbully cyberbullying intimidate intimidating threaten threatening humiliate humiliating",
    ),
    rest: `\\s+${PERSON}(?![\\p{L}])`,
  },
  {
    kind: "doxxing",
    label: "doxxing or stalking",
    hazard: "privacy",
    score: 0.6,
    bare: 0,
    start:
      words(`find finding get getting locate locating track tracking look_up dig_up obtain uncover trace tracing steal
      stealing spy_on spying_on monitor monitoring read reading access accessing`),
    rest: `\\s+(?:out\\s+)?(?:someone[’']?s|somebody[’']?s|a\\s+person[’']?s|his|her|their|my\\s+(?:ex|ex-\\p{L}+|wife|husband|girlfriend|boyfriend|partner|neighbou?r|coworker|boss|crush|classmate|employee|teacher|daughter|son)[’']?s?|this\\s+(?:person|guy|girl|woman|man)[’']?s|(?:a|an|the)\\s+(?:stranger|celebrity|journalist|streamer|youtuber|influencer)[’']?s)\\s+(?:home\\s+|private\\s+|personal\\s+|current\\s+|exact\\s+|real\\s+)?(?:address|phone\\s+number|location|whereabouts|ssn|social\\s+security\\s+number|ip\\s+address|real\\s+name|identity|private\\s+(?:messages|photos)|messages|texts|emails|browsing\\s+history|passwords?|medical\\s+records|bank\\s+(?:details|account)|credit\\s+card)\\b`,
  },
  {
    kind: "doxxing",
    label: "doxxing or stalking",
    hazard: "privacy",
    score: 0.65,
    bare: 0,
    start: words("dox doxx doxing doxxing stalk stalking"),
    rest: `\\s+(?:${PERSON}|my\\s+ex|her|him|them)(?![\\p{L}])`,
  },
  {
    kind: "voter-suppression",
    label: "voter suppression or election tampering",
    hazard: "elections",
    score: 0.7,
    bare: 0.4,
    start: words("discourage prevent stop suppress deter trick rig rigging steal stealing tamper_with flip"),
    rest: "\\s+(?:(?:people|voters|\\p{L}+\\s+voters|minorities|\\p{L}+\\s+people)\\s+from\\s+voting|(?:an?|the|this|next|upcoming)\\s+(?:\\p{L}+\\s+)?(?:election|vote\\s+count|voting\\s+machines?|ballots?))\\b",
  },
  {
    kind: "election-disinfo",
    label: "election disinformation",
    hazard: "elections",
    score: 0.6,
    bare: 0,
    start: words(
      "fake_news disinformation misinformation propaganda false_(?:claims?|information|stories|rumou?rs) conspiracy_theor(?:y|ies)",
    ),
    rest: "\\s+(?:about|on|regarding|that|to\\s+(?:influence|sway|swing|manipulate|undermine))[^.\\n]{0,40}?\\b(?:election|vote|voting|ballots?|candidate|polls?|electoral)",
  },
  // non-violent crimes -----------------------------------------------------------------------------------
  {
    kind: "theft",
    label: "theft or burglary",
    hazard: "non-violent-crimes",
    score: 0.6,
    bare: 0,
    start:
      words(`shoplift shoplifting steal stealing hotwire hotwiring break_into breaking_into rob robbing burglari[sz]e
      bribe bribing blackmail blackmailing extort extorting evade evading escape`),
    rest: `\\s+(?:a\\s+car|cars|from\\s+(?:a|my|the|work|stores?|shops?)\\b|money\\s+from|a\\s+(?:bike|phone|wallet|purse|catalytic\\s+converter|store|shop|bank|house|home|gas\\s+station)|(?:an?|the)\\s+(?:official|judge|cop|police\\s+officer|politician|inspector)|someone[’']?s\\s+(?:car|wallet|phone|purse|bike|money|credit\\s+card|password|jewel(?:le)?ry|laptop|packages?|mail|belongings)|(?:an?|someone[’']?s|my\\s+neighbou?r[’']?s?|the)\\s+(?:house|home|car|apartment|building|store|safe)|(?:the\\s+)?police|from\\s+(?:prison|jail)|${PERSON})(?![\\p{L}])`,
  },
];

/** Minors: evidence of child sexual exploitation only with sexual wording in the same sentence (SEXUAL). */
export const MINOR_TELL: HazardTell = {
  kind: "minor-sexual",
  label: "sexual content involving a minor",
  hazard: "child-sexual-exploitation",
  firm: true,
  score: 0.9,
  bare: 0.6,
  start: [
    ...words(`child children kid kids minor minors underage under-age preteens? pre-teens? prepubescent toddlers?
      infants? little_girls? little_boys? young_girls? young_boys? schoolgirls? schoolboys? loli`),
    "(?:[1-9]|1[0-7])[-\\s]?(?:year|yr)s?[-\\s]?old",
  ],
  rest: "\\b",
};
export const SEXUAL =
  /\b(?:sex|sexual|sexually|sexy|erotic|erotica|porn\p{L}*|nudes?|lewd|nsfw|intercourse|orgasm\p{L}*|masturbat\p{L}*|fetish\p{L}*|aroused|arousing|horny|seductive|undress\p{L}*|strip\s+for|molest\p{L}*)\b/u;
