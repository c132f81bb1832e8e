import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { openTestStore, POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import type { AttemptResult } from "../score/index.js";
import { type RunConfig, RunStore } from "./run-store.js";

const CONFIG: RunConfig = {
  target: "guard",
  seed: 1,
  strategies: ["identity"],
  categories: ["weapons"],
  limit: null,
  judge: "guard-pass",
  publicSets: false,
  conversations: [],
  attacker: null,
};

const result = (i: number): AttemptResult => ({
  behaviorId: `b-${i}`,
  category: "weapons",
  severity: 3,
  strategy: "identity",
  prompt: `prompt ${i} with "quotes", \\backslashes\\ and ünïcode ✓`,
  outcome: i % 3 === 0 ? "error" : i % 2 === 0 ? "success" : "failure",
  ...(i % 3 === 0 ? { error: "no reply within 30000 ms" } : { response: "", judge: "guard-pass", reason: "r" }),
});

let store: Store;
afterEach(async () => store.close());

function contract(kind: Store["kind"]) {
  it("stores results arriving together once each, reads them back intact, and resumes only a run of the same configuration", async () => {
    store = await openTestStore(kind);
    const runs = new RunStore(store);
    const run = await runs.open(CONFIG);
    await Promise.all(Array.from({ length: 1200 }, (_, i) => runs.saveAttempt(run, `k-${i}`, result(i))));
    await Promise.all([runs.saveAttempt(run, "k-1", result(2)), runs.saveAttempt(run, "k-1", result(4))]);
    const stored = await runs.attempts(run);
    expect(stored).toHaveLength(1200);
    expect(stored.find((r) => r.behaviorId === "b-1")).toEqual(result(1));
    // A reply cut inside a surrogate pair is stored (with U+FFFD), not refused with the whole batch.
    await runs.saveAttempt(run, "lone", { ...result(1), response: "cut \uD83D here" });
    expect((await runs.attempts(run)).find((r) => r.response?.startsWith("cut"))?.response).toBe("cut \uFFFD here");
    expect((await runs.finishedKeys(run)).size).toBe(1201);
    expect(await runs.open(CONFIG, run)).toBe(run);
    await expect(runs.open({ ...CONFIG, seed: 2 }, run)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(runs.open(CONFIG, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
}

describe("red-team run store on PGlite", () => contract("pglite"));
describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => contract("postgres"));
