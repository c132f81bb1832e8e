import { type Action, createGuard, type PolicyOverrides, type SignatureSet } from "@rampart/guard";
import { guardCheck } from "../run.js";
import { type ContenderOptions, defineContender } from "./contender.js";

/** Detection threshold for every guard row of the report, stated once so the report can say it. */
export const REPORT_AT: Action = "block";

const NO_SIGNATURES: SignatureSet = { version: 1, name: "none", signatures: [] };

// Far above the largest linear-cost input, so the scan itself is what gets timed.
const scanning = (options: ContenderOptions): PolicyOverrides =>
  options.scanLargeInputs ? { maxInputChars: 4 << 20 } : {};

export const rampartGuard = defineContender({
  id: "rampart",
  npm: "@rampart/guard",
  description: "this project's guard: default policy, built-in starter signatures and classifier",
  method: `\`guard.check(messages ?? text)\`; detected when the action is \`${REPORT_AT}\` or stronger`,
  async load(options) {
    return guardCheck(createGuard(scanning(options)), REPORT_AT);
  },
});

/** The default policy flags (rather than blocks) weaker evidence, hazard requests among it: this row counts those too. */
export const rampartAtFlag = defineContender({
  id: "rampart@flag",
  npm: "@rampart/guard",
  description: "the full guard again, counting `flag` as a detection",
  method: "as `rampart`; detected when the action is `flag` or stronger (`rampart bench --at flag`)",
  async load(options) {
    return guardCheck(createGuard(scanning(options)), "flag");
  },
});

export const rampartNoClassifier = defineContender({
  id: "rampart-noclassifier",
  npm: "@rampart/guard",
  description: "the same guard without the learned classifier: heuristics, canonicalisation and signatures",
  method: "as `rampart`, created with `{ classifier: null }`",
  async load(options) {
    return guardCheck(createGuard(scanning(options), { classifier: null }), REPORT_AT);
  },
});

export const rampartNoSignatures = defineContender({
  id: "rampart-nosig",
  npm: "@rampart/guard",
  description: "the guard with neither classifier nor signatures: heuristics and canonicalisation only",
  method: `as \`rampart\`, created with \`{ classifier: null, signatures: { version: 1, name: "none", signatures: [] } }\``,
  async load(options) {
    return guardCheck(createGuard(scanning(options), { classifier: null, signatures: NO_SIGNATURES }), REPORT_AT);
  },
});
