import { describe, expect, it } from "vitest";
import type { AdvisoryRecord, AdvisoryView, Viewer } from "../../exchange/model/advisory.js";
import { FeedHub, type FeedSink, type FeedSource } from "./feed-hub.js";

const MEMBER: Viewer = { kind: "member", org: "00000000-0000-4000-8000-0000000000aa", groups: [] };

function record(
  seq: number,
  id = `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
  tlp: AdvisoryRecord["tlp"] = "GREEN",
) {
  return {
    id,
    seq,
    version: 1,
    creatorOrg: "00000000-0000-4000-8000-0000000000cc",
    tlp,
    recipients: [],
    groups: [],
    embargoUntil: null,
    retracted: false,
    content: {
      title: `advisory ${seq}`,
      description: "d",
      technique: { name: "t", atlas: [], owasp: [] },
      affected: [],
      severity: "low",
      examples: [],
      signatures: [],
      references: [],
    },
    created: new Date(0),
    modified: new Date(0),
  } satisfies AdvisoryRecord;
}

/** The store's view of changes, as the repository answers `after`: each advisory once, at its latest seq. */
class ScriptedSource implements FeedSource {
  records: AdvisoryRecord[] = [];
  failures = 0;
  async after(seq: number, limit: number): Promise<readonly AdvisoryRecord[]> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("the store is away");
    }
    const latest = new Map(this.records.map((r) => [r.id, r]));
    return [...latest.values()]
      .filter((r) => r.seq > seq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }
  async head(): Promise<number> {
    return this.records.at(-1)?.seq ?? 0;
  }
}

function sink(viewer = MEMBER) {
  const events: string[] = [];
  const value: FeedSink = {
    viewer,
    send: async (view: AdvisoryView) => void events.push(`advisory ${view.seq}`),
    withdraw: async (id, seq) => void events.push(`withdrawn ${id.slice(-2)} ${seq}`),
    caughtUp: async (seq) => void events.push(`caught-up ${seq}`),
  };
  return { value, events };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("FeedHub", () => {
  it("replays from a reader's cursor, says when it caught up, then sends live changes once each, in order", async () => {
    const source = new ScriptedSource();
    source.records = [record(1), record(2), record(3)];
    const hub = new FeedHub(source);
    await hub.start();
    const reader = sink();
    hub.subscribe(reader.value, 1);
    await settle();
    source.records.push(record(4), record(5));
    await hub.wake();
    await hub.wake();
    await settle();
    expect(reader.events).toEqual(["advisory 2", "advisory 3", "caught-up 3", "advisory 4", "advisory 5"]);
  });

  it("keeps going after the store failed to answer, reading again by itself", async () => {
    const source = new ScriptedSource();
    const hub = new FeedHub(source);
    await hub.start();
    const reader = sink();
    hub.subscribe(reader.value, 0);
    await settle();
    source.records.push(record(1));
    source.failures = 1;
    await expect(hub.wake()).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(reader.events).toEqual(["caught-up 0", "advisory 1"]);
  });

  it("tells a reader to drop an advisory it was sent when a later version is hidden from it", async () => {
    const source = new ScriptedSource();
    const id = "00000000-0000-4000-8000-0000000000ff";
    source.records = [record(1, id, "GREEN")];
    const hub = new FeedHub(source);
    await hub.start();
    const reader = sink();
    const stranger = sink({ kind: "anonymous" });
    hub.subscribe(reader.value, 0);
    hub.subscribe(stranger.value, 0);
    await settle();
    source.records.push(record(2, id, "AMBER+STRICT"));
    await hub.wake();
    await settle();
    expect(reader.events).toEqual(["advisory 1", "caught-up 1", "withdrawn ff 2"]);
    expect(stranger.events).toEqual(["caught-up 1"]);
  });
});
