// The package ships no type declarations; this is the part of its API the benchmark uses.
declare module "llm_guardrail" {
  export interface GuardrailResult {
    readonly allowed: boolean;
    readonly threatsDetected: readonly string[];
  }
  export function checkAll(prompt: string): Promise<GuardrailResult>;
}
