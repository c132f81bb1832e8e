import { describe, expect, it } from "vitest";
import { BoundedStore } from "./store.js";

function clock(start = 0) {
  const time = { now: start };
  return { time, now: () => time.now };
}

describe("BoundedStore", () => {
  it("forgets the least recently used entry first when full, a read counting as a use", () => {
    const { now } = clock();
    const store = new BoundedStore<number>({ maxEntries: 2, ttlMs: 1000 }, now);
    store.set("a", 1);
    store.set("b", 2);
    expect(store.get("a")).toBe(1);
    store.set("c", 3);
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toBe(1);
    expect(store.get("c")).toBe(3);
    expect(store.size).toBe(2);
    expect(store.evicted).toBe(1);
  });

  it("replaces an entry without counting it twice", () => {
    const store = new BoundedStore<number>({ maxEntries: 2, ttlMs: 1000 }, clock().now);
    store.set("a", 1);
    store.set("a", 2);
    store.set("b", 3);
    expect(store.get("a")).toBe(2);
    expect(store.size).toBe(2);
    expect(store.evicted).toBe(0);
  });

  it("forgets an entry not used for the TTL, and a use restarts the TTL", () => {
    const { time, now } = clock();
    const store = new BoundedStore<string>({ maxEntries: 10, ttlMs: 1000 }, now);
    store.set("kept", "k");
    store.set("idle", "i");
    time.now = 900;
    expect(store.get("kept")).toBe("k");
    time.now = 1000;
    expect(store.get("idle")).toBeUndefined();
    time.now = 1899;
    expect(store.get("kept")).toBe("k");
    time.now = 2899;
    expect(store.get("kept")).toBeUndefined();
    expect(store.expired).toBe(2);
  });

  it("sweeps expired entries when it writes, so idle conversations do not hold memory", () => {
    const { time, now } = clock();
    const store = new BoundedStore<number>({ maxEntries: 100, ttlMs: 1000 }, now);
    for (let i = 0; i < 50; i++) store.set(`old-${i}`, i);
    time.now = 5000;
    store.set("new", 1);
    expect(store.size).toBe(1);
    expect(store.expired).toBe(50);
    expect(store.evicted).toBe(0);
  });

  it("stays at its bound under a flood of distinct keys", () => {
    const store = new BoundedStore<number>({ maxEntries: 64, ttlMs: 60_000 }, clock().now);
    for (let i = 0; i < 10_000; i++) store.set(`k${i}`, i);
    expect(store.size).toBe(64);
    expect(store.evicted).toBe(10_000 - 64);
    expect(store.get("k9999")).toBe(9999);
    expect(store.get("k0")).toBeUndefined();
  });
});
