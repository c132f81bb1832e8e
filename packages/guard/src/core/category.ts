/**
 * Hazards follow the MLCommons AILuminate / Llama Guard 3 taxonomy (their short codes are kept
 * so results line up with other tools); attack techniques are a separate axis, each mapped to
 * OWASP LLM Top 10 (2025 edition) and MITRE ATLAS ids.
 */
export const HAZARDS = {
  "violent-crimes": { mlcommons: "vcr", title: "Violent crimes" },
  "non-violent-crimes": { mlcommons: "ncr", title: "Non-violent crimes" },
  "sex-related-crimes": { mlcommons: "src", title: "Sex-related crimes" },
  "child-sexual-exploitation": { mlcommons: "cse", title: "Child sexual exploitation" },
  defamation: { mlcommons: "dfm", title: "Defamation" },
  "specialized-advice": { mlcommons: "spc", title: "Specialised financial, medical or legal advice" },
  privacy: { mlcommons: "prv", title: "Privacy" },
  "intellectual-property": { mlcommons: "ipv", title: "Intellectual property" },
  "weapons-cbrne": { mlcommons: "iwp", title: "Indiscriminate weapons (CBRNE) and weapons" },
  hate: { mlcommons: "hte", title: "Hate and harassment" },
  "self-harm": { mlcommons: "ssh", title: "Suicide and self-harm" },
  "sexual-content": { mlcommons: "sxc", title: "Sexual content" },
  elections: { mlcommons: "ele", title: "Elections and disinformation" },
  "cyber-malicious-code": { mlcommons: "ncr", title: "Cyber intrusion and malicious code" },
  fraud: { mlcommons: "ncr", title: "Fraud and scams" },
  "illegal-drugs": { mlcommons: "ncr", title: "Illegal drugs" },
  // What a learned model says when it finds a harmful request but was trained without hazard labels.
  "unspecified-hazard": { mlcommons: null, title: "Harmful request, hazard not identified" },
} as const;
export type Hazard = keyof typeof HAZARDS;

export const OWASP_LLM_2025 = {
  "LLM01:2025": "Prompt Injection",
  "LLM02:2025": "Sensitive Information Disclosure",
  "LLM05:2025": "Improper Output Handling",
  "LLM07:2025": "System Prompt Leakage",
  "LLM10:2025": "Unbounded Consumption",
} as const;
export type OwaspLlmId = keyof typeof OWASP_LLM_2025;

export const MITRE_ATLAS = {
  "AML.T0051": "LLM Prompt Injection",
  "AML.T0051.000": "LLM Prompt Injection: Direct",
  "AML.T0051.001": "LLM Prompt Injection: Indirect",
  "AML.T0054": "LLM Jailbreak",
  "AML.T0056": "Extract LLM System Prompt",
  "AML.T0068": "LLM Prompt Obfuscation",
  "AML.T0029": "Denial of ML Service",
  "AML.T0057": "LLM Data Leakage",
} as const;
export type AtlasId = keyof typeof MITRE_ATLAS;

export const TECHNIQUES = {
  jailbreak: { owasp: ["LLM01:2025"], atlas: ["AML.T0054"], title: "Jailbreak" },
  "prompt-injection": {
    owasp: ["LLM01:2025"],
    atlas: ["AML.T0051.000", "AML.T0051.001"],
    title: "Prompt injection",
  },
  "system-prompt-leak": { owasp: ["LLM07:2025"], atlas: ["AML.T0056"], title: "System prompt leak" },
  obfuscation: { owasp: ["LLM01:2025"], atlas: ["AML.T0068"], title: "Obfuscation" },
  "multi-turn-escalation": { owasp: ["LLM01:2025"], atlas: ["AML.T0054"], title: "Multi-turn escalation" },
  "oversized-input": { owasp: ["LLM10:2025"], atlas: ["AML.T0029"], title: "Oversized input" },
  "secret-exposure": { owasp: ["LLM02:2025"], atlas: ["AML.T0057"], title: "Secret in the output (key, token)" },
  "pii-exposure": { owasp: ["LLM02:2025"], atlas: ["AML.T0057"], title: "Personal data in the output" },
} as const satisfies Record<string, { owasp: readonly OwaspLlmId[]; atlas: readonly AtlasId[]; title: string }>;
export type Technique = keyof typeof TECHNIQUES;

export type Category = Hazard | Technique;

export function isHazard(category: Category): category is Hazard {
  return Object.hasOwn(HAZARDS, category);
}

export function isTechnique(category: Category): category is Technique {
  return Object.hasOwn(TECHNIQUES, category);
}

export const CATEGORIES: readonly Category[] = [
  ...(Object.keys(HAZARDS) as Hazard[]),
  ...(Object.keys(TECHNIQUES) as Technique[]),
];
