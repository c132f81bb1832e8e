import { defineContender } from "./contender.js";

/**
 * Three TF-IDF + logistic-regression models (injection, jailbreak, malicious) read from JSON files in
 * its own package directory: no network. It builds a dense vector the size of its vocabulary for every
 * call (about 11 ms on the reference machine), so it sees a fixed subsample to keep `npm run bench` short.
 */
export const llmGuardrail = defineContender({
  id: "llm_guardrail",
  npm: "llm_guardrail",
  description: "three TF-IDF + logistic-regression models (prompt injection, jailbreak, malicious content)",
  method: "`await checkAll(text)`; detected when `allowed` is false (any of the three models fires)",
  rowsPerSource: 120,
  async load() {
    const { checkAll } = await import("llm_guardrail");
    return async (text) => !(await checkAll(text)).allowed;
  },
});
