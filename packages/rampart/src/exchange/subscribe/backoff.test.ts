import { describe, expect, it } from "vitest";
import { backoffMs, MAX_RETRY_AFTER_MS, retryAfterMs } from "./backoff.js";

describe("backoffMs", () => {
  const retry = { initialMs: 100, maxMs: 1_000 };

  it("doubles per attempt up to the cap, between half and all of the step", () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, retry, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, retry, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it("stays finite for absurd attempt counts", () => {
    expect(backoffMs(10_000, retry, () => 0.5)).toBe(750);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs("3")).toBe(3_000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5_000);
    expect(retryAfterMs("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
  });

  it("ignores what it cannot read and caps what is too long", () => {
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs("999999999")).toBe(MAX_RETRY_AFTER_MS);
  });
});
