import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Message } from "../../core/message.js";
import type { Signal } from "../../core/signal.js";
import { DEFAULT_POLICY } from "../policy/policy.js";
import { Conversations, MAX_CARRIED, type Turn } from "./conversations.js";

const settings = { ...DEFAULT_POLICY.trajectory, decay: 0.5, threshold: 1, maxConversations: 100 };

/** A turn "r=0.4 …" has risk 0.4; a turn mentioning "flagged" raises one signal on its first word. */
function scanner() {
  const scanned: string[] = [];
  const scan = (turn: Turn) => {
    scanned.push(turn.content);
    const risk = Number(/r=([\d.]+)/.exec(turn.content)?.[1] ?? 0);
    const signals: Signal[] = turn.content.includes("flagged")
      ? [{ detector: "fake", category: "jailbreak", score: 0.5, spans: [{ start: 0, end: 3 }], reason: "fake" }]
      : [];
    return { signals, risk };
  };
  return { scan, scanned };
}

function turnsOf(messages: readonly Message[]): Turn[] {
  return messages.flatMap((message, index) =>
    message.role === "user" || message.role === "tool" ? [{ ...message, message: index }] : [],
  );
}

function conversation(...contents: string[]): Message[] {
  return contents.flatMap((content, i) => [
    { role: "user" as const, content },
    ...(i < contents.length - 1 ? [{ role: "assistant" as const, content: `answer ${i}` }] : []),
  ]);
}

function make(now = () => 0, using = settings): Conversations {
  return new Conversations(using, DEFAULT_POLICY.defaultRules, now);
}

function check(
  conversations: Conversations,
  messages: readonly Message[],
  scan: ReturnType<typeof scanner>["scan"],
  id?: string,
) {
  const pass = conversations.screen(turnsOf(messages), id, 0, scan);
  pass.commit();
  return pass.signals;
}

describe("Conversations, keyed by the turns", () => {
  it("scans only the turns after the longest stored prefix", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    check(conversations, conversation("hello r=0.1"), scan);
    check(conversations, conversation("hello r=0.1", "more r=0.2"), scan);
    check(conversations, conversation("hello r=0.1", "more r=0.2", "again r=0.3"), scan);
    expect(scanned).toEqual(["hello r=0.1", "more r=0.2", "again r=0.3"]);
    expect(conversations.stats).toMatchObject({ stored: 1, scannedTurns: 3, reusedTurns: 3 });
  });

  it("gives the same signals, message indices included, as scanning everything afresh", () => {
    const warm = make();
    const { scan } = scanner();
    const turns = ["a flagged r=0.6", "b r=0.5", "c flagged r=0.1", "d r=0.8"];
    for (let n = 1; n < turns.length; n++) check(warm, conversation(...turns.slice(0, n)), scan);
    const full = conversation(...turns);
    const warmSignals = check(warm, full, scan);
    expect(warmSignals).toEqual(check(make(), full, scanner().scan));
    expect(warmSignals.map((s) => s.detector)).toEqual(["fake", "fake", "trajectory"]);
    expect(warmSignals[1]!.spans[0]!.message).toBe(4);
  });

  it("starts again from the shared prefix when an earlier turn is edited", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    check(conversations, conversation("one r=0.1"), scan);
    check(conversations, conversation("one r=0.1", "two r=0.2"), scan);
    check(conversations, conversation("one r=0.1", "TWO r=0.9"), scan);
    // The parent was replaced by its child, so the edited branch is scanned from its first turn.
    expect(scanned).toEqual(["one r=0.1", "two r=0.2", "one r=0.1", "TWO r=0.9"]);
  });

  it("does not record a request whose pass is not committed", () => {
    const conversations = make();
    const { scan } = scanner();
    conversations.screen(turnsOf(conversation("x r=0.9")), undefined, 0, scan);
    expect(conversations.stats.stored).toBe(0);
  });

  it("does not keep by its turns a conversation with more findings than it carries", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    const many = Array.from({ length: MAX_CARRIED + 1 }, (_, i) => `t${i} flagged`);
    check(conversations, conversation(...many), scan);
    check(conversations, conversation(...many), scan);
    expect(scanned).toHaveLength(2 * many.length);
    expect(conversations.stats.stored).toBe(0);
  });

  it("scans again what was found with an older signature set", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    conversations.screen(turnsOf(conversation("a")), undefined, 0, scan).commit();
    conversations.screen(turnsOf(conversation("a", "b")), undefined, 1, scan).commit();
    expect(scanned).toEqual(["a", "a", "b"]);
  });

  it("agrees with a fresh scan for any sequence of requests", () => {
    const turn = fc.constantFrom("p r=0.3", "q flagged r=0.5", "s r=0", "t r=0.7", "u flagged");
    fc.assert(
      fc.property(
        fc.array(fc.array(turn, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        (requests) => {
          const warm = make();
          const { scan } = scanner();
          for (const request of requests) {
            const messages = conversation(...request);
            expect(check(warm, messages, scan)).toEqual(check(make(), messages, scan));
          }
        },
      ),
    );
  });
});

describe("Conversations, keyed by an id", () => {
  it("accumulates across requests that carry only the new turn", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    expect(check(conversations, conversation("one r=0.6"), scan, "c1")).toEqual([]);
    expect(check(conversations, conversation("two r=0.5"), scan, "c1")).toEqual([]);
    const third = check(conversations, conversation("three r=0.7"), scan, "c1");
    expect(scanned).toEqual(["one r=0.6", "two r=0.5", "three r=0.7"]);
    const trajectory = third.find((s) => s.detector === "trajectory")!;
    expect(trajectory.reason).toContain("at turn 3");
    expect(trajectory.reason).toContain("turn 1 0.60, turn 2 0.50, turn 3 0.70");
    // Only the turn in this request can be pointed at.
    expect(trajectory.spans).toEqual([{ start: 0, end: "three r=0.7".length, message: 0 }]);
  });

  it("recognises a full history by the chain of the turns seen, and scans only the rest", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    check(conversations, conversation("one flagged r=0.6"), scan, "c1");
    check(conversations, conversation("two r=0.5"), scan, "c1");
    const full = conversation("one flagged r=0.6", "two r=0.5", "three r=0.7");
    const signals = check(conversations, full, scan, "c1");
    expect(scanned).toEqual(["one flagged r=0.6", "two r=0.5", "three r=0.7"]);
    expect(signals).toEqual(check(make(), full, scanner().scan));
  });

  it("keeps conversations with different ids apart", () => {
    const conversations = make();
    const { scan } = scanner();
    check(conversations, conversation("one r=0.6"), scan, "a");
    check(conversations, conversation("two r=0.5"), scan, "a");
    expect(check(conversations, conversation("three r=0.7"), scan, "b")).toEqual([]);
    expect(check(conversations, conversation("three r=0.7"), scan, "a").map((s) => s.detector)).toEqual(["trajectory"]);
  });

  it("counts an edited history again, overstating the risk rather than losing it", () => {
    const conversations = make();
    const { scan } = scanner();
    check(conversations, conversation("one r=0.6", "two r=0.5"), scan, "c1");
    const edited = check(conversations, conversation("ONE r=0.6", "two r=0.5"), scan, "c1");
    expect(edited.map((s) => s.detector)).toEqual(["trajectory"]);
  });

  it("keeps only the trajectory of a conversation with too many findings to carry", () => {
    const conversations = make();
    const { scan, scanned } = scanner();
    const many = Array.from({ length: MAX_CARRIED + 1 }, (_, i) => `t${i} flagged`);
    check(conversations, conversation(...many), scan, "c1");
    expect(conversations.stats.stored).toBe(1);
    // A full history is scanned again (same result); new turns still add to the stored total.
    check(conversations, conversation(...many, "next"), scan, "c1");
    expect(scanned).toHaveLength(2 * many.length + 1);
  });
});

describe("Conversations under hostile input", () => {
  it("keeps one entry per conversation however many turns it has", () => {
    const conversations = make();
    const { scan } = scanner();
    const turns = Array.from({ length: 3000 }, (_, i) => `turn ${i} r=0.1`);
    check(conversations, conversation(...turns), scan, "long");
    for (let i = 0; i < 200; i++) check(conversations, conversation(`more ${i} r=0.1`), scan, "long");
    expect(conversations.stats.stored).toBe(1);
  });

  it("never holds more conversations than its bound", () => {
    const conversations = make(() => 0, { ...settings, maxConversations: 50 });
    const { scan } = scanner();
    for (let i = 0; i < 1000; i++)
      check(conversations, conversation(`c${i}`), scan, i % 2 === 0 ? `id${i}` : undefined);
    expect(conversations.stats).toMatchObject({ stored: 50, evicted: 950 });
  });

  it("forgets a conversation idle for longer than the TTL and starts it again from the request", () => {
    const time = { now: 0 };
    const conversations = make(() => time.now);
    const { scan } = scanner();
    check(conversations, conversation("one r=0.6"), scan, "c1");
    check(conversations, conversation("two r=0.5"), scan, "c1");
    time.now = settings.ttlSeconds * 1000;
    expect(check(conversations, conversation("three r=0.7"), scan, "c1")).toEqual([]);
    expect(conversations.stats.expired).toBe(1);
  });
});
