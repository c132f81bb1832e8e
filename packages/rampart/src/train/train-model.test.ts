import { describe, expect, it } from "vitest";
import { balancedWeights } from "./train-model.js";

type Row = { readonly label: string; readonly source: string };

function rowsOf(spec: readonly (readonly [label: string, source: string, count: number])[]): Row[] {
  return spec.flatMap(([label, source, count]) => Array.from({ length: count }, () => ({ label, source })));
}

/** Total weight per key of the rows. */
function totals(rows: readonly Row[], weights: Float64Array, key: (row: Row) => string): Map<string, number> {
  const out = new Map<string, number>();
  rows.forEach((row, i) => {
    out.set(key(row), (out.get(key(row)) ?? 0) + weights[i]!);
  });
  return out;
}

const byClass = (row: Row) => row.label;
const byClassAndSource = (row: Row) => `${row.label}/${row.source}`;

describe("balancedWeights", () => {
  const rows = rowsOf([
    ["benign", "chat", 400],
    ["benign", "wiki", 100],
    ["benign", "docs", 4],
    ["jailbreak", "dan", 100],
    ["jailbreak", "forum", 25],
    ["injection", "docs", 36],
    ["harmful", "advbench", 9],
    ["harmful", "docs", 16],
  ]);
  const weights = balancedWeights(rows);
  const perSource = totals(rows, weights, byClassAndSource);

  it("gives every class the same total weight and keeps the mean weight at 1", () => {
    const perClass = totals(rows, weights, byClass);
    expect([...perClass.keys()].sort()).toEqual(["benign", "harmful", "injection", "jailbreak"]);
    for (const total of perClass.values()) expect(total).toBeCloseTo(rows.length / 4, 9);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(rows.length, 9);
    expect(weights.every((w) => w > 0)).toBe(true);
  });

  it("weighs the rows of one source and class alike", () => {
    rows.forEach((row, i) => {
      const first = rows.findIndex((r) => r.label === row.label && r.source === row.source);
      expect(weights[i]).toBe(weights[first]);
    });
  });

  it("weighs each source of an attack class as the square root of its size", () => {
    // 100 against 25 rows: twice the weight, not four times.
    expect(perSource.get("jailbreak/dan")! / perSource.get("jailbreak/forum")!).toBeCloseTo(2, 9);
    expect(perSource.get("harmful/docs")! / perSource.get("harmful/advbench")!).toBeCloseTo(4 / 3, 9);
  });

  it("weighs each purely benign source as the square root of its size", () => {
    expect(perSource.get("benign/chat")! / perSource.get("benign/wiki")!).toBeCloseTo(2, 9);
  });

  it("raises a mixed source's benign weight to the sum of the square roots of its attack groups", () => {
    // docs has 4 benign rows (√4 = 2) but 36 injection and 16 harmful ones (√36 + √16 = 10): its
    // benign rows weigh as a 100-row benign source would, half of chat's 400 rows (√400 = 20).
    expect(perSource.get("benign/docs")! / perSource.get("benign/chat")!).toBeCloseTo(10 / 20, 9);
    expect(perSource.get("benign/docs")! / perSource.get("benign/wiki")!).toBeCloseTo(1, 9);
    // Exactly: the benign class total split as max(√benign, Σ√attack) per source.
    const raw = { chat: 20, wiki: 10, docs: Math.max(2, 6 + 4) };
    const benignTotal = rows.length / 4;
    for (const [source, share] of Object.entries(raw)) {
      expect(perSource.get(`benign/${source}`)).toBeCloseTo((benignTotal * share) / (20 + 10 + 10), 9);
    }
  });

  it("leaves a mixed source's benign weight at √size when its benign rows already outweigh its attacks", () => {
    const mixed = rowsOf([
      ["benign", "news", 100],
      ["benign", "chat", 400],
      ["injection", "news", 4],
      ["injection", "other", 16],
    ]);
    const byGroup = totals(mixed, balancedWeights(mixed), byClassAndSource);
    // max(√100, √4) = 10 against chat's 20.
    expect(byGroup.get("benign/news")! / byGroup.get("benign/chat")!).toBeCloseTo(0.5, 9);
  });

  it("gives a mixed source that is alone in both classes as much benign weight as attack weight", () => {
    const mixed = rowsOf([
      ["benign", "docs", 5],
      ["injection", "docs", 500],
    ]);
    const weights = balancedWeights(mixed);
    const byGroup = totals(mixed, weights, byClassAndSource);
    expect(byGroup.get("benign/docs")).toBeCloseTo(byGroup.get("injection/docs")!, 9);
    // Each of the 5 benign rows carries a hundred times the weight of an injection row.
    expect(weights[0]! / weights[5]!).toBeCloseTo(100, 9);
  });

  it("treats every label alike when none is benign (the hazard head)", () => {
    const hazards = rowsOf([
      ["hate", "a", 64],
      ["hate", "b", 16],
      ["privacy", "a", 9],
    ]);
    const weights = balancedWeights(hazards);
    const perClass = totals(hazards, weights, byClass);
    expect(perClass.get("hate")).toBeCloseTo(hazards.length / 2, 9);
    expect(perClass.get("privacy")).toBeCloseTo(hazards.length / 2, 9);
    const byGroup = totals(hazards, weights, byClassAndSource);
    expect(byGroup.get("hate/a")! / byGroup.get("hate/b")!).toBeCloseTo(2, 9);
  });

  it("returns no weights for no rows", () => {
    expect(balancedWeights([])).toEqual(new Float64Array(0));
  });
});
