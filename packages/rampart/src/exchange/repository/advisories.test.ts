import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { DEFAULT_EMBARGO_DAYS } from "../model/advisory.js";
import { addOrganisation, closeStoresAfterEach, content, distribution, freshRepository } from "./fixtures.testing.js";

closeStoresAfterEach();
const MISSING = "00000000-0000-4000-8000-000000000000";
const DAY = 86_400_000;

async function twoOrganisations(kind: Store["kind"]) {
  const { store, repo } = await freshRepository(kind);
  const acme = await addOrganisation(repo, "acme");
  const beta = await addOrganisation(repo, "beta");
  return { store, repo, acme, beta };
}

function contract(kind: Store["kind"]) {
  it("publishes version 1 at the next seq, with the default embargo when none is given", async () => {
    const { repo, acme, beta } = await twoOrganisations(kind);
    expect(await repo.headSeq()).toBe(0);
    const group = await repo.createGroup({ name: "isac", orgs: [beta.id] });
    const published = await repo.publish({
      creatorOrg: acme.id,
      distribution: { tlp: "AMBER", recipients: [beta.id], groups: [group.id] },
      content: content(),
    });
    expect(published).toMatchObject({ seq: 1, version: 1, creatorOrg: acme.id, tlp: "AMBER", retracted: false });
    expect(published.recipients).toEqual([beta.id]);
    expect(published.groups).toEqual([group.id]);
    expect(published.content).toEqual(content());
    expect(published.created).toEqual(published.modified);
    expect(published.embargoUntil!.getTime() - published.created.getTime()).toBe(DEFAULT_EMBARGO_DAYS * DAY);
    expect(await repo.get(published.id)).toEqual(published);
    expect(await repo.history(published.id)).toEqual([published]);
    expect(await repo.headSeq()).toBe(1);

    const open = await repo.publish({ creatorOrg: acme.id, distribution: distribution(), content: content() });
    expect(open).toMatchObject({ seq: 2, embargoUntil: null });
    const until = "2027-01-01T00:00:00.000Z";
    const dated = await repo.publish({
      creatorOrg: acme.id,
      distribution: distribution({ embargoUntil: until }),
      content: content(),
    });
    expect(dated.embargoUntil).toEqual(new Date(until));
  });

  it("keeps a given id, and refuses to publish it twice", async () => {
    const { repo, acme, beta } = await twoOrganisations(kind);
    const id = randomUUID();
    const input = { id, creatorOrg: acme.id, distribution: distribution(), content: content() };
    expect(await repo.publish(input)).toMatchObject({ id, seq: 1 });
    await expect(repo.publish({ ...input, creatorOrg: beta.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await repo.headSeq()).toBe(1);
    expect((await repo.get(id))!.creatorOrg).toBe(acme.id);
  });

  it("refuses unknown creators and recipients, malformed ids and repeated signature ids", async () => {
    const { repo, acme } = await twoOrganisations(kind);
    const base = { creatorOrg: acme.id, distribution: distribution(), content: content() };
    const cases = [
      [{ ...base, creatorOrg: MISSING }, "NOT_FOUND"],
      [{ ...base, distribution: distribution({ recipients: [MISSING] }) }, "INPUT_INVALID"],
      [{ ...base, distribution: distribution({ groups: [MISSING] }) }, "INPUT_INVALID"],
      [{ ...base, id: "not-a-uuid" }, "INPUT_INVALID"],
      [{ ...base, content: content("t", ["same", "same"]) }, "INPUT_INVALID"],
    ] as const;
    for (const [input, code] of cases) await expect(repo.publish(input)).rejects.toMatchObject({ code });
    expect(await repo.headSeq()).toBe(0);
    expect(await repo.get(MISSING)).toBeUndefined();
    expect(await repo.get("nope")).toBeUndefined();
  });

  it("amends: creator only, version + 1 at a new seq, history kept, creator unchanged", async () => {
    const { repo, acme, beta } = await twoOrganisations(kind);
    const first = await repo.publish({
      creatorOrg: acme.id,
      distribution: distribution({ embargoUntil: "2027-01-01T00:00:00.000Z" }),
      content: content("v1"),
    });
    await expect(repo.amend(first.id, beta.id, { content: content("evil") })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(repo.amend(MISSING, acme.id, { content: content() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.amend("nope", acme.id, { content: content() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.amend(first.id, acme.id, {})).rejects.toMatchObject({ code: "INPUT_INVALID" });

    const second = await repo.amend(first.id, acme.id, { content: content("v2") });
    expect(second).toMatchObject({ id: first.id, version: 2, seq: 2, creatorOrg: acme.id, tlp: "GREEN" });
    expect(second.embargoUntil).toEqual(first.embargoUntil);
    expect(second.created).toEqual(first.created);
    expect(second.modified.getTime()).toBeGreaterThanOrEqual(first.modified.getTime());

    // A new distribution without embargoUntil keeps the embargo; null lifts it.
    const third = await repo.amend(first.id, acme.id, {
      distribution: distribution({ tlp: "AMBER", recipients: [beta.id], embargoUntil: undefined }),
    });
    expect(third).toMatchObject({ version: 3, seq: 3, tlp: "AMBER", recipients: [beta.id] });
    expect(third.embargoUntil).toEqual(first.embargoUntil);
    expect(third.content.title).toBe("v2");
    const fourth = await repo.amend(first.id, acme.id, { distribution: distribution({ tlp: "AMBER" }) });
    expect(fourth).toMatchObject({ version: 4, embargoUntil: null, recipients: [] });

    const history = await repo.history(first.id);
    expect(history.map((v) => [v.version, v.seq, v.content.title, v.tlp])).toEqual([
      [1, 1, "v1", "GREEN"],
      [2, 2, "v2", "GREEN"],
      [3, 3, "v2", "AMBER"],
      [4, 4, "v2", "AMBER"],
    ]);
    expect(history[0]).toEqual(first);
    expect(history[2]).toEqual(third);
    expect(history[3]).toEqual(fourth);
    expect(await repo.get(first.id)).toEqual(fourth);
    expect(await repo.history(MISSING)).toEqual([]);
  });

  it("retracts: creator only, once, at a new seq, and nothing changes it after", async () => {
    const { repo, acme, beta } = await twoOrganisations(kind);
    const first = await repo.publish({ creatorOrg: acme.id, distribution: distribution(), content: content() });
    await expect(repo.retract(first.id, beta.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const retracted = await repo.retract(first.id, acme.id);
    expect(retracted).toMatchObject({ version: 2, seq: 2, retracted: true, content: first.content, tlp: "GREEN" });
    await expect(repo.retract(first.id, acme.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(repo.amend(first.id, acme.id, { content: content("back") })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(repo.retract(MISSING, acme.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await repo.history(first.id)).map((v) => [v.version, v.retracted])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(await repo.headSeq()).toBe(2);
  });

  it("claims a nonce and publishes in one transaction: all or nothing", async () => {
    const { repo, acme } = await twoOrganisations(kind);
    const input = { creatorOrg: acme.id, distribution: distribution(), content: content() };
    const submit = (nonce: string, fail = false) =>
      repo.transaction(async (tx) => {
        if (!(await repo.claimNonce(tx, acme.id, nonce, new Date()))) return "replayed";
        const record = await repo.publish(input, tx);
        if (fail) throw new Error("failed after the publish");
        return record.id;
      });
    await expect(submit("n-1", true)).rejects.toThrow("failed after the publish");
    expect(await repo.headSeq()).toBe(0);
    expect(await repo.after(0, 10)).toEqual([]);
    const id = await submit("n-1");
    expect(await repo.get(id)).toMatchObject({ seq: 1 });
    expect(await submit("n-1")).toBe("replayed");
    expect(await repo.after(0, 10)).toHaveLength(1);
  });
}

describe("exchange repository: publish, amend, retract", () => {
  describe("pglite", () => contract("pglite"));
  describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => contract("postgres"));
});
