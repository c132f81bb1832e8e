import { describe, expect, it } from "vitest";
import { keysIn } from "./key-patterns.js";
import { randomish } from "./streaming.testing.js";

const base64url = (json: string) => btoa(json).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");

const KEYS: [string, string][] = [
  ["an Anthropic API key", `sk-ant-api03-${randomish(93, 1)}AA`],
  ["an OpenAI API key", `sk-proj-${randomish(56, 2)}_${randomish(60, 3)}`],
  ["an OpenAI API key", `sk-svcacct-${randomish(64, 4)}`],
  ["an OpenAI API key", `sk-${randomish(48, 5)}`],
  ["an AWS access key id", `AKIA${randomish(16, 6).toUpperCase()}`],
  ["an AWS access key id", `ASIA${randomish(16, 7).toUpperCase()}`],
  ["a GitHub token", `ghp_${randomish(36, 8)}`],
  ["a GitHub token", `gho_${randomish(36, 9)}`],
  ["a GitHub token", `ghs_${randomish(36, 10)}`],
  ["a GitHub token", `github_pat_${randomish(22, 11)}_${randomish(59, 12)}`],
  ["a Slack token", `xoxb-123456789012-1234567890123-${randomish(24, 13)}`],
  ["a Slack token", `xoxp-2345678901-3456789012-${randomish(32, 14)}`],
  ["a Google API key", `AIza${randomish(35, 15)}`],
  ["a Stripe live key", `sk_live_${randomish(24, 16)}`],
  ["a Stripe live key", `rk_live_${randomish(99, 17)}`],
  [
    "a JSON Web Token",
    `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url('{"sub":"42","exp":1900000000}')}.${randomish(43, 18)}`,
  ],
];

describe("keysIn", () => {
  it.each(KEYS)("finds %s, span and all, scored 0.9 or more", (name, key) => {
    for (const run of [key, `KEY=${key}`, `**${key}**`, `api?key=${key}&x=1`, `${key}.`]) {
      const found = keysIn(run);
      expect(found).toHaveLength(1);
      expect(found[0]!.name).toBe(name);
      expect(found[0]!.score).toBeGreaterThanOrEqual(0.9);
      expect(run.slice(found[0]!.start, found[0]!.end)).toBe(key);
    }
  });

  it.each([
    ["a library name", "sk-learn"],
    ["a hyphenated word", "task-based"],
    ["a package name", "Flask-SQLAlchemy"],
    ["a placeholder of Xs", `sk-proj-${"X".repeat(48)}`],
    ["a placeholder in words", "sk-proj-your-api-key-goes-here-replace-it-with-the-real-one"],
    ["AWS's documentation key", "AKIAIOSFODNN7EXAMPLE"],
    ["a key glued to a longer word", `xsk-${randomish(48, 20)}`],
    ["a key with a tail", `AIza${randomish(36, 21)}`],
    ["a GitHub prefix on repeated letters", `ghp_${"a".repeat(36)}`],
    ["a git commit hash", "3f2a9c01d4e5b6778899aabbccddeeff00112233"],
    ["a UUID", "123e4567-e89b-12d3-a456-426614174000"],
    ["a dotted identifier", "eyJhbGciOi.notbase64json.x"],
    ["three base64url parts whose header has no alg", `${base64url('{"typ":"JWT"}')}.${base64url('{"a":1}')}.sig`],
    ["a Stripe test key", `sk_test_${randomish(24, 22)}`],
  ])("does not take %s for a key", (_what, run) => {
    expect(keysIn(run)).toEqual([]);
  });
});
