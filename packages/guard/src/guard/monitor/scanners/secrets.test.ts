import { describe, expect, it } from "vitest";
import type { Signal } from "../../../core/signal.js";
import { secrets } from "./secrets.js";
import { randomish, scanPieces } from "./streaming.testing.js";

function scan(pieces: readonly string[]): { signals: Signal[]; pending: number[] } {
  return scanPieces(secrets, pieces);
}

const covered = (text: string, signal: Signal) => text.slice(signal.spans[0]!.start, signal.spans[0]!.end);

describe("the secrets scanner", () => {
  const key = `sk-proj-${randomish(64, 1)}`;

  it("finds a key in prose, JSON and code, scored to redact, with a reason that does not repeat it", () => {
    for (const text of [
      `Your key is ${key}. Keep it safe.`,
      `{"api_key": "${key}"}`,
      `client = OpenAI(api_key="${key}")`,
      `\`${key}\``,
    ]) {
      const { signals } = scan([text]);
      expect(signals).toHaveLength(1);
      expect(signals[0]).toMatchObject({ detector: "secrets", category: "secret-exposure" });
      expect(signals[0]!.score).toBeGreaterThanOrEqual(0.9);
      expect(covered(text, signals[0]!)).toBe(key);
      expect(signals[0]!.reason).not.toContain(key.slice(8));
    }
  });

  it("holds an unfinished word back, and the whole key until it ends", () => {
    const { pending } = scan(["Key: ", key.slice(0, 20), key.slice(20), " and ", "more"]);
    expect(pending).toEqual([0, 20, key.length, 0, 4]);
  });

  it("sees through zero-width characters inside a key; the span covers them", () => {
    const hidden = `${key.slice(0, 12)}\u200b${key.slice(12, 30)}\u2060${key.slice(30)}`;
    const text = `here: ${hidden} end`;
    const { signals } = scan([text]);
    expect(signals).toHaveLength(1);
    expect(covered(text, signals[0]!)).toBe(hidden);
  });

  it("finds a private key block and a secret-sounding assignment", () => {
    const body = `${randomish(64, 2)}\n`.repeat(4);
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}-----END PRIVATE KEY-----`;
    const text = `Config:\n${pem}\nDB_PASSWORD=Tr0ub4dor&3x\n`;
    const { signals } = scan([text]);
    const byStart = [...signals].sort((a, b) => a.spans[0]!.start - b.spans[0]!.start);
    expect(byStart.map((s) => [covered(text, s), s.score])).toEqual([
      [pem, 0.95],
      ["Tr0ub4dor&3x", 0.7],
    ]);
  });

  it("leaves ordinary prose and code alone", () => {
    const text = [
      "Use scikit-learn (sk-learn) for task-based pipelines; Flask-SQLAlchemy handles the database.",
      'import os\napi_key = os.environ["OPENAI_API_KEY"]\npassword: str = getpass()\n',
      "Replace sk-... with your key, e.g. sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.",
      "The commit 3f2a9c01d4e5b6778899aabbccddeeff00112233 fixed it; see https://example.com/a/b?c=d.",
      "AWS documents the key id AKIAIOSFODNN7EXAMPLE in its guides.",
      "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----",
    ].join("\n");
    expect(scan([text]).signals).toEqual([]);
  });

  it("releases an unbroken run longer than 4 KB unread", () => {
    const { signals, pending } = scan(["x".repeat(3000), `${"y".repeat(2000)}${key}`, " "]);
    expect(pending).toEqual([3000, 0, 0]);
    expect(signals).toEqual([]);
  });
});
