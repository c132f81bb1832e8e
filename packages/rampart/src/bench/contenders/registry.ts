import type { Contender } from "./contender.js";
import { llmGuardrail } from "./llm-guardrail.js";
import { rampartAtFlag, rampartGuard, rampartNoClassifier, rampartNoSignatures } from "./rampart.js";
import { vard } from "./vard.js";

/** Every detector `npm run bench` measures, in report order. Add one here and nowhere else. */
export const CONTENDERS: readonly Contender[] = [
  rampartGuard,
  rampartAtFlag,
  rampartNoClassifier,
  rampartNoSignatures,
  vard,
  llmGuardrail,
];
