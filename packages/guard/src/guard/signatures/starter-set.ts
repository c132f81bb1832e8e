import type { SignatureSet } from "./signature-set.js";

export const STARTER_SIGNATURES: SignatureSet = { version: 1, name: "starter", signatures: [] };
