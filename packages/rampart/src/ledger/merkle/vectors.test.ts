import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyConsistency, verifyInclusion } from "./verify.js";

// transparency-dev/merkle testdata: see ../shared/data/SOURCES.md, section vectors/merkle/.
const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const dataDir = process.env.RAMPART_DATA_DIR ?? resolve(repoRoot, "../shared/data");
const vectorDir = join(dataDir, "vectors", "merkle");
const absent = !existsSync(vectorDir);

type Probe = { file: string; json: Record<string, unknown> };

/** The probes of a folder and its subfolders (`additional/` nests one folder per tree). */
function probes(folder: string): Probe[] {
  return readdirSync(join(vectorDir, folder), { withFileTypes: true }).flatMap((entry) => {
    const file = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return probes(file);
    return entry.name.endsWith(".json")
      ? [{ file, json: JSON.parse(readFileSync(join(vectorDir, file), "utf8")) }]
      : [];
  });
}

const decode = (value: unknown): Uint8Array => new Uint8Array(Buffer.from(String(value ?? ""), "base64"));
const proofOf = (json: Record<string, unknown>): Uint8Array[] => ((json.proof as unknown[] | null) ?? []).map(decode);

function outcome(kind: "inclusion" | "consistency", json: Record<string, unknown>): boolean {
  if (kind === "inclusion") {
    const { leafIdx, treeSize, root, leafHash } = json;
    const args = { index: Number(leafIdx), size: Number(treeSize), leafHash: decode(leafHash), root: decode(root) };
    return verifyInclusion({ ...args, proof: proofOf(json) }).ok;
  }
  const { size1, size2, root1, root2 } = json;
  const args = { oldSize: Number(size1), newSize: Number(size2), oldRoot: decode(root1), newRoot: decode(root2) };
  return verifyConsistency({ ...args, proof: proofOf(json) }).ok;
}

const title = absent
  ? "the transparency-dev/merkle vectors (skipped: ../shared/data/vectors/merkle is absent)"
  : `the transparency-dev/merkle vectors in ${vectorDir}`;

describe.skipIf(absent)(title, () => {
  const folders = {
    inclusion: ["0", "1", "2", "3", "4", "additional", "single-entry"],
    consistency: ["0", "1", "2", "3", "4", "additional"],
  } as const;
  for (const kind of ["inclusion", "consistency"] as const) {
    for (const folder of folders[kind]) {
      it(`${kind}/${folder}: accepts exactly the probes without wantErr`, () => {
        const found = probes(`${kind}/${folder}`);
        expect(found.length).toBeGreaterThan(0);
        const wrong = found.filter(({ json }) => outcome(kind, json) === Boolean(json.wantErr));
        expect(wrong.map(({ file, json }) => `${file}: ${json.desc}`)).toEqual([]);
      });
    }
  }
});
