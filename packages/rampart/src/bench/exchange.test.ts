import { createGuard } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../train/seeded-random.js";
import {
  type ExchangeFigures,
  type FanOutFigures,
  FanOutTally,
  jailbreakText,
  nonsenseWord,
  renderExchange,
  summarise,
  type ThroughputFigures,
} from "./exchange.js";

/** A seeded generator, so the texts checked here are the same on every run. */
const seeded = mulberry32;

describe("summarise", () => {
  it("gives nearest-rank percentiles and the max in milliseconds", () => {
    const times = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(times)).toEqual({ p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it("gives zeros for no times, never NaN", () => {
    expect(summarise([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });
});

describe("FanOutTally", () => {
  it("counts lost, duplicated, out-of-order and unexpected receipts", () => {
    const tally = new FanOutTally(2);
    tally.publish("a", 0);
    tally.publish("b", 10);
    tally.receive(0, "a", 1, 5);
    tally.receive(0, "b", 2, 20);
    tally.receive(0, "b", 2, 21); // twice, and not above the last seq
    tally.receive(1, "b", 2, 30);
    tally.receive(1, "a", 1, 31); // after b: out of order
    tally.receive(1, "z", 3, 32); // never published
    expect(tally.counts()).toEqual({
      expected: 4,
      delivered: 4,
      lost: 0,
      duplicates: 1,
      outOfOrder: 2,
      unexpected: 1,
    });
    expect(tally.deliveryMillis("a")).toBe(31);
    expect(tally.deliveryMillis("b")).toBe(20);
    expect(tally.lastArrival(["a", "b"])).toBe(31);
  });

  it("resolves delivered() only once every reader has the advisory, and counts what never came as lost", async () => {
    const tally = new FanOutTally(3);
    tally.publish("a", 0);
    let done = false;
    const delivered = tally.delivered("a").then(() => {
      done = true;
    });
    tally.receive(0, "a", 1, 1);
    tally.receive(1, "a", 1, 2);
    await Promise.resolve();
    expect(done).toBe(false);
    expect(tally.deliveryMillis("a")).toBeUndefined();
    expect(tally.counts()).toMatchObject({ expected: 3, delivered: 2, lost: 1 });
    tally.receive(2, "a", 1, 3);
    await delivered;
    expect(done).toBe(true);
    expect(tally.counts()).toMatchObject({ delivered: 3, lost: 0 });
  });
});

describe("jailbreakText", () => {
  it("makes unique riddles of nonsense words that the guard's own layers let through", () => {
    const random = seeded(7);
    const texts = Array.from({ length: 40 }, () => jailbreakText(random));
    expect(new Set(texts).size).toBe(texts.length);
    const guard = createGuard();
    for (const text of texts) expect(guard.check(text).action, text).not.toBe("block");
    expect(nonsenseWord(seeded(1))).toMatch(/^[a-z]{6,15}$/);
  });
});

const summary = (p50: number) => ({ p50, p90: p50 * 2, p99: p50 * 3, max: p50 * 4 });

function throughput(serverPerSecond: number): ThroughputFigures {
  return {
    orgs: 8,
    concurrency: 64,
    serverSubmissions: 4000,
    serverFailures: 0,
    serverPerSecond,
    serverCpuPercent: 45,
    loneMillis: summary(2),
    commitMillis: summary(1.5),
    holdMillis: summary(1.25),
    loneHoldMillis: summary(1),
    httpSubmissions: 2000,
    httpFailures: 0,
    httpPerSecond: serverPerSecond / 2,
  };
}

const fanOut: FanOutFigures = {
  subscribers: 1000,
  crossNode: false,
  connectMillis: 900,
  sequential: 50,
  deliveryMillis: summary(90),
  burst: 50,
  burstMillis: 5000,
  counts: { expected: 100_000, delivered: 100_000, lost: 0, duplicates: 0, outOfOrder: 0, unexpected: 0 },
  readerErrors: 0,
};

const machine = { cpu: "Test CPU", cores: 2, memoryGiB: 8, os: "linux", node: "v20.19.0", load: 1 };

describe("renderExchange", () => {
  it("says the PostgreSQL parts were skipped and why, and renders the PGlite ones", () => {
    const figures: ExchangeFigures = {
      machine,
      pglite: { throughput: throughput(600), fanOut },
      postgresSkipped: "DATABASE_URL is not set",
      seconds: 30,
    };
    const text = renderExchange(figures);
    expect(text).toMatch(/^## Exchange\n/);
    expect(text).toContain("PostgreSQL parts not measured (DATABASE_URL is not set)");
    expect(text).toContain("**600/s** | ≥ 500/s |");
    expect(text).toContain("lost 0, out of order 0, duplicates 0");
    expect(text).toContain("2 cores");
    expect(text).not.toContain("time to protection:");
    expect(text).not.toContain("Below target");
  });

  it("renders time to protection and explains a rate below its target", () => {
    const figures: ExchangeFigures = {
      machine,
      pglite: { throughput: throughput(600), fanOut },
      postgres: {
        server: "PostgreSQL 15 (synchronous_commit on)",
        protection: {
          publishes: 100,
          warmUp: 3,
          protectedCount: 100,
          namedAdvisory: 100,
          millis: summary(10),
          ackMillis: summary(8),
        },
        throughput: throughput(700),
        fanOut: { ...fanOut, crossNode: true },
      },
      seconds: 75,
    };
    const text = renderExchange(figures);
    expect(text).toContain("**p99 30.0 ms**");
    expect(text).toContain("blocked 100 of 100");
    expect(text).toContain("published on node A, read on node B");
    expect(text).toContain("**700/s** | ≥ 2,000/s |");
    expect(text).toContain("Below target: On PostgreSQL");
    expect(text).toContain("at most about 800/s (measured: 700/s");
    expect(text).not.toContain("PGlite runs the database");
  });
});
