import { describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { accessLevel } from "../access/index.js";
import { type AdvisoryRecord, TLP_LABELS, type Viewer } from "../model/advisory.js";
import { addOrganisation, closeStoresAfterEach, content, distribution, freshRepository } from "./fixtures.testing.js";

closeStoresAfterEach();

async function readAll(page: (seq: number) => Promise<AdvisoryRecord[]>): Promise<AdvisoryRecord[]> {
  const seen: AdvisoryRecord[] = [];
  for (let batch = await page(0); batch.length > 0; batch = await page(batch.at(-1)!.seq)) seen.push(...batch);
  return seen;
}

function contract(kind: Store["kind"]) {
  it("bumps the seq on every change and lists each advisory once, at its latest seq", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const publish = (title: string) =>
      repo.publish({ creatorOrg: acme.id, distribution: distribution(), content: content(title) });
    const a = await publish("a");
    const b = await publish("b");
    const c = await publish("c");
    await repo.amend(a.id, acme.id, { content: content("a2") });
    const sighting = await repo.addSighting(c.id, acme.id, { kind: "seen" });
    await repo.retract(b.id, acme.id);
    expect(await repo.headSeq()).toBe(6);
    expect(sighting).toMatchObject({ advisoryId: c.id, kind: "seen" });

    const listed = await repo.after(0, 10);
    expect(listed.map((r) => [r.content.title, r.seq, r.version, r.retracted])).toEqual([
      ["c", 3, 1, false],
      ["a2", 4, 2, false],
      ["b", 6, 2, true],
    ]);
    expect((await repo.after(3, 10)).map((r) => r.seq)).toEqual([4, 6]);
    expect((await repo.after(6, 10)).map((r) => r.seq)).toEqual([]);
    expect((await readAll((seq) => repo.after(seq, 1))).map((r) => r.seq)).toEqual([3, 4, 6]);
    expect((await repo.after(0, 10, { includeRetracted: false })).map((r) => r.seq)).toEqual([3, 4]);
  });

  it("pages from a time with since(), in seq order", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const first = await repo.publish({ creatorOrg: acme.id, distribution: distribution(), content: content("1") });
    const second = await repo.publish({ creatorOrg: acme.id, distribution: distribution(), content: content("2") });
    expect((await repo.since(new Date(0), 10)).map((r) => r.id)).toEqual([first.id, second.id]);
    expect((await repo.since(first.modified, 10)).map((r) => r.id)).toEqual(
      second.modified > first.modified ? [second.id] : [],
    );
    expect(await repo.since(second.modified, 10)).toEqual([]);
    await expect(repo.since(new Date(Number.NaN), 10)).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });

  it("filters by TLP, severity and creator, and refuses bad cursors and page sizes", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const beta = await addOrganisation(repo, "beta");
    await repo.publish({ creatorOrg: acme.id, distribution: distribution({ tlp: "CLEAR" }), content: content() });
    const low = { ...content("low"), severity: "low" as const };
    await repo.publish({ creatorOrg: beta.id, distribution: distribution({ tlp: "GREEN" }), content: low });
    const titles = async (filters: Parameters<typeof repo.after>[2]) =>
      (await repo.after(0, 10, filters)).map((r) => r.content.title);
    expect(await titles({ tlp: ["GREEN", "RED"] })).toEqual(["low"]);
    expect(await titles({ severity: ["high"] })).toEqual(["Role-play jailbreak"]);
    expect(await titles({ creatorOrg: beta.id })).toEqual(["low"]);
    expect(await titles({ creatorOrg: "not-a-uuid" })).toEqual([]);
    expect(await titles({ tlp: ["CLEAR"], creatorOrg: beta.id })).toEqual([]);
    for (const [seq, limit] of [
      [-1, 10],
      [0.5, 10],
      [0, 0],
      [0, 1001],
    ]) {
      await expect(repo.after(seq!, limit!)).rejects.toMatchObject({ code: "INPUT_INVALID" });
    }
  });

  it("narrows by audience to a superset of what accessLevel admits", async () => {
    const { repo } = await freshRepository(kind);
    const [creator, recipient, grouped, unrelated] = await Promise.all(
      ["creator", "recipient", "grouped", "unrelated"].map((name) => addOrganisation(repo, name)),
    );
    const group = await repo.createGroup({ name: "isac", orgs: [grouped!.id] });
    const now = new Date();
    const embargoes = [null, new Date(now.getTime() + 86_400_000), new Date(now.getTime() - 86_400_000)];
    for (const tlp of TLP_LABELS) {
      for (const embargo of embargoes) {
        await repo.publish({
          creatorOrg: creator!.id,
          distribution: {
            tlp,
            recipients: [recipient!.id],
            groups: [group.id],
            embargoUntil: embargo?.toISOString() ?? null,
          },
          content: content(`${tlp} ${embargo?.toISOString() ?? "none"}`),
        });
      }
    }
    const all = await repo.after(0, 100);
    expect(all).toHaveLength(15);
    const viewers: Viewer[] = [
      { kind: "anonymous" },
      ...[creator!, recipient!, unrelated!].map((org): Viewer => ({ kind: "member", org: org.id, groups: [] })),
      { kind: "member", org: grouped!.id, groups: await repo.groupsOf(grouped!.id) },
    ];
    for (const viewer of viewers) {
      const narrowed = new Set((await repo.after(0, 100, { audience: viewer })).map((r) => r.id));
      const admitted = all.filter((r) => accessLevel(r, viewer, now) !== "none").map((r) => r.id);
      expect(admitted.filter((id) => !narrowed.has(id))).toEqual([]);
      // And it does narrow: the restricted labels of others stay out.
      if (viewer.kind === "member" && viewer.org === unrelated!.id) expect(narrowed.size).toBe(6);
      if (viewer.kind === "anonymous") expect(narrowed.size).toBe(3);
    }
  });
}

describe("exchange repository: reading advisories", () => {
  describe("pglite", () => contract("pglite"));
  describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => contract("postgres"));
});
