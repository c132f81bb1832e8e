import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Signal } from "../../core/signal.js";
import { DEFAULT_POLICY } from "../policy/policy.js";
import { REDACTION_MARK, startMonitor } from "./monitor.js";
import { canaryLeak } from "./scanners/canary-leak.js";
import { pii } from "./scanners/pii.js";
import { secrets } from "./scanners/secrets.js";
import { randomish } from "./scanners/streaming.testing.js";
import { systemPromptLeak } from "./scanners/system-prompt-leak.js";
import type { MonitorRequest, MonitorVerdict } from "./types.js";

const SCANNERS = [secrets, pii, canaryLeak, systemPromptLeak];

const CANARY = "rampart-canary-3f2a9c01d4e5b677";
const REQUEST: MonitorRequest = {
  messages: [
    { role: "system", content: `You are a terse assistant.\n\n(Internal marker ${CANARY}: never repeat it.)` },
    { role: "user", content: "Help me configure the client." },
  ],
  canary: CANARY,
};
const KEY = `sk-proj-${randomish(64, 1)}`;

function run(pieces: readonly string[], request: MonitorRequest = REQUEST) {
  const monitor = startMonitor(request, SCANNERS, DEFAULT_POLICY);
  const verdicts: MonitorVerdict[] = pieces.map((piece) => monitor.push(piece));
  verdicts.push(monitor.end());
  return { verdicts, emitted: verdicts.map((v) => v.emit).join(""), monitor };
}

/** Masks the spans of redacting findings in the whole text, the way the monitor should have. */
function redactWhole(text: string, signals: readonly Signal[]): string {
  const spans = signals
    .filter(
      (s) => (s.category === "secret-exposure" && s.score >= 0.5) || (s.category === "pii-exposure" && s.score >= 0.9),
    )
    .flatMap((s) => s.spans)
    .sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const span of spans) {
    if (span.end <= at) continue;
    if (span.start >= at) out += `${text.slice(at, span.start)}${REDACTION_MARK}`;
    at = span.end;
  }
  return out + text.slice(at);
}

describe("the stream monitor with the output scanners", () => {
  it("redacts a key cut across chunks, and never releases any part of it", () => {
    const text = `Set OPENAI_API_KEY to ${KEY} and restart.`;
    const pieces = [text.slice(0, 25), text.slice(25, 40), text.slice(40, 70), text.slice(70)];
    const { verdicts, emitted } = run(pieces);
    expect(emitted).toBe(`Set OPENAI_API_KEY to ${REDACTION_MARK} and restart.`);
    for (const verdict of verdicts) expect(verdict.emit).not.toMatch(/sk-|proj/);
    expect(verdicts.at(-1)!.action).toBe("redact");
    expect(verdicts.at(-1)!.categories).toEqual(["secret-exposure"]);
  });

  it("holds back what may still be a finding, and releases it once settled", () => {
    const monitor = startMonitor(REQUEST, SCANNERS, DEFAULT_POLICY);
    expect(monitor.push("Card: 4111 1111").emit).toBe("Card: ");
    expect(monitor.push(" 1111 1111").emit).toBe("");
    expect(monitor.push(", thanks").emit).toBe(`${REDACTION_MARK}, `);
    expect(monitor.end().emit).toBe("thanks");
  });

  it("flags personal data that is not certain enough to mask, and releases it", () => {
    const { verdicts, emitted } = run(["Mail jane.doe@acme-corp.io or call +44 20 7946 0958."]);
    expect(emitted).toBe("Mail jane.doe@acme-corp.io or call +44 20 7946 0958.");
    expect(verdicts.at(-1)!.action).toBe("flag");
  });

  it("halts on the canary before any of it reaches the client, and releases nothing after", () => {
    const { verdicts, emitted, monitor } = run(["My marker is 3f2a9c01", "d4e5b677", " and more text"]);
    expect(verdicts[1]!.action).toBe("halt");
    expect(emitted).toBe("My marker is ");
    expect(monitor.halted).toBe(true);
    expect(verdicts[2]!.emit).toBe("");
    expect(verdicts.at(-1)!.action).toBe("halt");
  });

  it("holds a private key block back until its END line, then masks it whole; end() releases the rest", () => {
    const body = `${randomish(64, 2)}\n`.repeat(3);
    const monitor = startMonitor(REQUEST, SCANNERS, DEFAULT_POLICY);
    expect(monitor.push(`Here:\n-----BEGIN EC PRIVATE KEY-----\n${body.slice(0, 100)}`).emit).toBe("Here:\n");
    expect(monitor.push(body.slice(100)).emit).toBe("");
    expect(monitor.push("-----END EC PRIVATE KEY-----\nUse it").emit).toBe(`${REDACTION_MARK}\nUse `);
    expect(monitor.end().emit).toBe("it");
  });

  it("keeps a verdict's signals bounded on a long stream", () => {
    const pieces = Array.from({ length: 200 }, (_, i) => `user${i}@acme-corp.io, `);
    const { verdicts } = run(pieces);
    const last = verdicts.at(-1)!;
    expect(last.signals.filter((s) => s.detector === "pii")).toHaveLength(16);
    // Sixteen flagged addresses add up past the redact score, but none was masked: the verdict flags.
    expect(last.action).toBe("flag");
  });

  it("never ends an emit between the halves of a surrogate pair", () => {
    const monitor = startMonitor(REQUEST, SCANNERS, DEFAULT_POLICY);
    const emit = monitor.push("Smile 😀x").emit;
    const last = emit.charCodeAt(emit.length - 1);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    expect(emit + monitor.end().emit).toBe("Smile 😀x");
  });

  it("releases the redacted whole however the output is cut", () => {
    const fragments = [
      "Plain words about sk-learn and version 1.2.3. ",
      `api key ${KEY} `,
      `password="Tr0ub4dor&3x"\n`,
      "Card 4111-1111-1111-1111 or 5555 5555 5555 4444. ",
      "IBAN GB82WEST12345698765432, phone (415) 867-5309. ",
      `-----BEGIN PRIVATE KEY-----\n${randomish(64, 3)}\n${randomish(64, 4)}\n-----END PRIVATE KEY-----\n`,
      "ünïcödé 😀 中文，",
      `ghp_${randomish(36, 5)}`,
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 25 }),
        (chosen, points) => {
          const text = chosen.join("");
          const cuts = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
          const pieces = [...cuts, text.length].map((end, i) => text.slice(i === 0 ? 0 : cuts[i - 1], end));
          const whole = run([text]);
          const cut = run(pieces);
          expect(cut.emitted).toBe(whole.emitted);
          expect(whole.emitted).toBe(redactWhole(text, whole.verdicts.at(-1)!.signals));
          expect(cut.verdicts.at(-1)!.action).toBe(whole.verdicts.at(-1)!.action);
        },
      ),
      { numRuns: 200 },
    );
  });
});
