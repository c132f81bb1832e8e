import { canonicalise, type ExactSignature, sha256Hex } from "@rampart/guard";
import type { AdvisoryView } from "../model/advisory.js";

/** An exact signature of `text` as the guard computes it: SHA-256 of the canonical view's text. */
export function exactSignatureOf(id: string, text: string, description = "novel game jailbreak"): ExactSignature {
  const canonical = canonicalise(text).views[0]?.text ?? "";
  return { id, kind: "exact", category: "jailbreak", description, sha256: sha256Hex(canonical) };
}

interface ViewInput {
  readonly id: string;
  readonly seq: number;
  readonly version?: number;
  readonly retracted?: boolean;
  readonly signatures: readonly ExactSignature[];
}

/** An advisory as a reader with full access sees it. */
export function fullView({ id, seq, version = 1, retracted = false, signatures }: ViewInput): AdvisoryView {
  return {
    access: "full",
    id,
    seq,
    version,
    creatorOrg: "6f1c3a52-4c1e-4d7e-9a4b-1d2e3f405162",
    tlp: "GREEN",
    recipients: [],
    groups: [],
    embargoUntil: null,
    retracted,
    created: "2026-01-01T00:00:00.000Z",
    modified: "2026-01-01T00:00:00.000Z",
    content: {
      title: `Advisory ${id}`,
      description: "A jailbreak seen in the wild.",
      technique: { name: "game framing", atlas: ["AML.T0054"], owasp: [{ id: "LLM01", edition: 2025 }] },
      affected: [],
      severity: "high",
      examples: [],
      signatures: [...signatures],
      references: [],
    },
  };
}

/** An advisory under embargo: its signatures only. */
export function embargoedView({ id, seq, version = 1, retracted = false, signatures }: ViewInput): AdvisoryView {
  return {
    access: "signatures",
    id,
    seq,
    version,
    tlp: "AMBER",
    embargoUntil: "2099-01-01T00:00:00.000Z",
    retracted,
    signatures: [...signatures],
  };
}
