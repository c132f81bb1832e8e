import { CATEGORIES, type Category } from "../../core/category.js";
import { SignatureSetError } from "../../core/errors.js";
import { decodeMinHash, MINHASH_BINS } from "./minhash.js";
import type { ExactSignature, FuzzySignature } from "./signature-set.js";

/** A signature set checked and decoded, ready to index. */
export interface ReadSet {
  readonly exact: readonly ExactSignature[];
  readonly fuzzy: readonly FuzzySignature[];
  /** fuzzy[i]'s sketch is sketches[i * MINHASH_BINS] up to the next MINHASH_BINS values. */
  readonly sketches: Uint32Array;
  readonly thresholds: Float64Array;
}

export const DEFAULT_THRESHOLD = 0.5;

/** Issues named in the error message; the rest are counted. */
const REPORTED_ISSUES = 8;

const SET_KEYS = new Set(["version", "name", "signatures"]);
const EXACT_KEYS = new Set(["id", "kind", "category", "description", "sha256"]);
const FUZZY_KEYS = new Set(["id", "kind", "category", "description", "minhash", "threshold"]);
const CATEGORY_SET: ReadonlySet<string> = new Set<Category>(CATEGORIES);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Checks a signature set that may come from anywhere (a file, the exchange, a caller's literal)
 * and decodes its sketches. The guard runs without a schema library, so this is plain code: it
 * collects every issue and throws one SignatureSetError naming them by path.
 */
export function readSignatureSet(set: unknown): ReadSet {
  const issues: string[] = [];
  const exact: ExactSignature[] = [];
  const fuzzy: FuzzySignature[] = [];
  const sketchList: Uint32Array[] = [];
  const thresholds: number[] = [];
  const name = isRecord(set) && typeof set.name === "string" ? set.name : "(unnamed)";

  if (!isRecord(set)) {
    issues.push("the set: expected an object {version, name, signatures}");
  } else {
    unknownKeys(set, SET_KEYS, "", issues);
    if (set.version !== 1) issues.push(`version: expected 1, got ${describe(set.version)}`);
    if (typeof set.name !== "string" || set.name === "") issues.push("name: expected a non-empty string");
    if (!Array.isArray(set.signatures)) {
      issues.push("signatures: expected an array");
    } else {
      const firstIndex = new Map<string, number>();
      set.signatures.forEach((entry: unknown, index: number) => {
        const at = `signatures[${index}]`;
        if (!isRecord(entry)) {
          issues.push(`${at}: expected an object`);
          return;
        }
        const before = issues.length;
        if (typeof entry.id !== "string" || entry.id === "") {
          issues.push(`${at}.id: expected a non-empty string`);
        } else if (firstIndex.has(entry.id)) {
          issues.push(`${at}.id: "${entry.id}" is already the id of signatures[${firstIndex.get(entry.id)}]`);
        } else {
          firstIndex.set(entry.id, index);
        }
        if (typeof entry.category !== "string" || !CATEGORY_SET.has(entry.category)) {
          issues.push(`${at}.category: expected a known hazard or technique, got ${describe(entry.category)}`);
        }
        if (typeof entry.description !== "string") issues.push(`${at}.description: expected a string`);
        if (entry.kind === "exact") {
          unknownKeys(entry, EXACT_KEYS, `${at}.`, issues);
          if (typeof entry.sha256 !== "string" || !SHA256_HEX.test(entry.sha256)) {
            issues.push(`${at}.sha256: expected 64 lowercase hex digits`);
          }
          if (issues.length === before) exact.push(entry as unknown as ExactSignature);
        } else if (entry.kind === "fuzzy") {
          unknownKeys(entry, FUZZY_KEYS, `${at}.`, issues);
          const sketch = typeof entry.minhash === "string" ? decodeMinHash(entry.minhash) : undefined;
          if (sketch === undefined) {
            issues.push(`${at}.minhash: expected base64 of ${MINHASH_BINS} little-endian uint32 values`);
          }
          const threshold = entry.threshold ?? DEFAULT_THRESHOLD;
          if (typeof threshold !== "number" || !(threshold > 0 && threshold <= 1)) {
            issues.push(`${at}.threshold: expected a number in (0, 1], got ${describe(entry.threshold)}`);
          }
          if (issues.length === before && sketch !== undefined) {
            fuzzy.push(entry as unknown as FuzzySignature);
            sketchList.push(sketch);
            thresholds.push(threshold as number);
          }
        } else {
          issues.push(`${at}.kind: expected "exact" or "fuzzy", got ${describe(entry.kind)}`);
        }
      });
    }
  }

  if (issues.length > 0) {
    const more = issues.length > REPORTED_ISSUES ? `; and ${issues.length - REPORTED_ISSUES} more` : "";
    throw new SignatureSetError(
      `signature set "${name}" is invalid, so it was not loaded: ${issues.slice(0, REPORTED_ISSUES).join("; ")}${more}`,
    );
  }
  const sketches = new Uint32Array(fuzzy.length * MINHASH_BINS);
  sketchList.forEach((sketch, i) => {
    sketches.set(sketch, i * MINHASH_BINS);
  });
  return { exact, fuzzy, sketches, thresholds: Float64Array.from(thresholds) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, known: ReadonlySet<string>, at: string, issues: string[]): void {
  for (const key of Object.keys(value)) if (!known.has(key)) issues.push(`${at}${key}: unknown field`);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
