import { describe, expect, it } from "vitest";
import { conversationKey, EMPTY_CHAIN, extendChain } from "./chain.js";

function chainOf(turns: readonly [string, string][]): string {
  return turns.reduce((chain, [role, content]) => extendChain(chain, role as "user" | "tool", content), EMPTY_CHAIN);
}

describe("extendChain", () => {
  it("is the same for the same turns and differs when a role, a content or the order differs", () => {
    const base = chainOf([
      ["user", "hello"],
      ["user", "how are you"],
    ]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(
      chainOf([
        ["user", "hello"],
        ["user", "how are you"],
      ]),
    ).toBe(base);
    const variants = [
      chainOf([
        ["user", "hello"],
        ["tool", "how are you"],
      ]),
      chainOf([
        ["user", "how are you"],
        ["user", "hello"],
      ]),
      chainOf([
        ["user", "hello how are you"],
        ["user", ""],
      ]),
      chainOf([["user", "hello"]]),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it("tells turns apart that differ only in a lone surrogate, which UTF-8 would fold together", () => {
    expect(extendChain(EMPTY_CHAIN, "user", "a\ud800b")).not.toBe(extendChain(EMPTY_CHAIN, "user", "a\ud801b"));
  });

  it("does not let a turn's content pose as a turn boundary", () => {
    const two = chainOf([
      ["user", "a"],
      ["user", "b"],
    ]);
    expect(chainOf([["user", 'a"user"b']])).not.toBe(two);
  });
});

describe("conversationKey", () => {
  it("has a fixed length whatever the id, apart from every chain key", () => {
    expect(conversationKey("x".repeat(100_000))).toHaveLength(conversationKey("x").length);
    expect(conversationKey("abc")).toMatch(/^id:[0-9a-f]{64}$/);
  });
});
