import { describe, expect, it } from "vitest";
import { backoff, mask, retryAfter } from "./fetch-json.js";

describe("retry timing", () => {
  it("reads Retry-After as seconds, an HTTP date, or OpenAI's retry-after-ms", () => {
    expect(retryAfter(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfter(new Headers({ "retry-after-ms": "150", "retry-after": "2" }))).toBe(150);
    const date = retryAfter(new Headers({ "retry-after": new Date(Date.now() + 5_000).toUTCString() }));
    expect(date).toBeGreaterThan(3_000);
    expect(date).toBeLessThanOrEqual(5_000);
    expect(retryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfter(new Headers())).toBeUndefined();
  });

  it("backs off exponentially with jitter, honours Retry-After, and caps both", () => {
    const at = (random: number, retry: number) => backoff(retry, undefined, { backoffMs: 100, random: () => random });
    expect([at(0, 0), at(0, 1), at(0, 2)]).toEqual([50, 100, 200]);
    expect([at(0.999999, 0), at(0.999999, 2)].map(Math.round)).toEqual([100, 400]);
    expect(backoff(0, 1_500, { backoffMs: 100 })).toBe(1_500);
    expect(backoff(0, 90_000, { maxBackoffMs: 10_000 })).toBe(10_000);
    expect(backoff(20, undefined, { maxBackoffMs: 10_000, random: () => 0.5 })).toBe(10_000);
  });

  it("masks every occurrence of every secret", () => {
    expect(mask("key sk-1 and sk-1, tok", ["sk-1", "tok", ""])).toBe("key [redacted] and [redacted], [redacted]");
  });
});
