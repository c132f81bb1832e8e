import type { Hazard } from "@rampart/guard";

/** AILuminate's own MLCommons hazard codes (`vcr/skilled`), the cleanest hazard labels in the data. */
const MLCOMMONS_CODES: Readonly<Record<string, Hazard>> = {
  vcr: "violent-crimes",
  ncr: "non-violent-crimes",
  src: "sex-related-crimes",
  cse: "child-sexual-exploitation",
  dfm: "defamation",
  spc: "specialized-advice",
  prv: "privacy",
  ipv: "intellectual-property",
  iwp: "weapons-cbrne",
  hte: "hate",
  ssh: "self-harm",
  sxc: "sexual-content",
  sxc_prn: "sexual-content",
  spc_fin: "specialized-advice",
  spc_hlt: "specialized-advice",
  spc_lgl: "specialized-advice",
  spc_ele: "elections",
  ele: "elections",
};

/**
 * Other sources name their categories in words; these patterns map the unambiguous ones, first
 * match wins. Categories that straddle hazards (misinformation, "harmful", "unethical") stay
 * unlabelled rather than guessed.
 */
const CATEGORY_PATTERNS: readonly (readonly [RegExp, Hazard])[] = [
  [/child[^;]*sexual|csam/, "child-sexual-exploitation"],
  [/chemical|biological|weapon|explosive|bomb/, "weapons-cbrne"],
  [/cyber(?!bully)|malware|hacking|intrusion/, "cyber-malicious-code"],
  [/self[_ -]?harm|suicide/, "self-harm"],
  [/fraud|scam|financial[_ ]crime/, "fraud"],
  [/drug|substance/, "illegal-drugs"],
  [/hate|discriminat|harass|bullying|stereotype/, "hate"],
  [/privacy|personally identifiable/, "privacy"],
  [/copyright|intellectual property/, "intellectual-property"],
  [/sexual|adult|porn/, "sexual-content"],
  [/non[-_ ]violent[-_ ]crime/, "non-violent-crimes"],
  [/(?<!non[-_ ])violen|terroris|murder/, "violent-crimes"],
  [/theft|property crime|vandalism|illegal goods/, "non-violent-crimes"],
  [/election/, "elections"],
];

/** The hazard a harmful row's source category names, when it names one clearly. */
export function hazardOfCategory(category: string | undefined): Hazard | undefined {
  if (category === undefined) return undefined;
  const lower = category.toLowerCase();
  const code = MLCOMMONS_CODES[lower.split("/")[0]!];
  if (code !== undefined) return code;
  return CATEGORY_PATTERNS.find(([pattern]) => pattern.test(lower))?.[1];
}
