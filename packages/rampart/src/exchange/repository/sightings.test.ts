import { describe, expect, it } from "vitest";
import type { Store } from "../../store/index.js";
import { POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { addOrganisation, closeStoresAfterEach, content, distribution, freshRepository } from "./fixtures.testing.js";

closeStoresAfterEach();
const MISSING = "00000000-0000-4000-8000-000000000000";

function contract(kind: Store["kind"]) {
  it("records sightings of every kind at new seqs, oldest first", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const beta = await addOrganisation(repo, "beta");
    const advisory = await repo.publish({
      creatorOrg: acme.id,
      distribution: distribution(),
      content: content("t", ["sig-1", "sig-2"]),
    });
    const seen = await repo.addSighting(advisory.id, beta.id, { kind: "seen", note: "in our logs" });
    const fp = await repo.addSighting(advisory.id, beta.id, {
      kind: "false-positive",
      signatureIds: ["sig-2", "sig-2"],
    });
    const tp = await repo.addSighting(advisory.id, acme.id, { kind: "true-positive" });
    const expired = await repo.addSighting(advisory.id, beta.id, { kind: "expired" });
    expect(seen).toMatchObject({ advisoryId: advisory.id, org: beta.id, kind: "seen", note: "in our logs" });
    expect(seen.signatureIds).toEqual([]);
    expect(fp.signatureIds).toEqual(["sig-2"]);
    expect("note" in fp).toBe(false);
    expect(await repo.sightings(advisory.id)).toEqual([seen, fp, tp, expired]);
    expect(await repo.headSeq()).toBe(5);
    // A sighting moves the sightings' seq, not the advisory's place in the feed.
    expect((await repo.get(advisory.id))!.seq).toBe(1);
  });

  it("refuses sightings of unknown advisories, by unknown organisations, or naming foreign signatures", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const advisory = await repo.publish({ creatorOrg: acme.id, distribution: distribution(), content: content() });
    await expect(repo.addSighting(MISSING, acme.id, { kind: "seen" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.addSighting("nope", acme.id, { kind: "seen" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.addSighting(advisory.id, MISSING, { kind: "seen" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const foreign = repo.addSighting(advisory.id, acme.id, { kind: "false-positive", signatureIds: ["sig-1", "x"] });
    await expect(foreign).rejects.toMatchObject({ code: "INPUT_INVALID", message: expect.stringContaining('"x"') });
    expect(await repo.sightings(advisory.id)).toEqual([]);
    expect(await repo.sightings("nope")).toEqual([]);
    expect(await repo.headSeq()).toBe(1);
  });
}

describe("exchange repository: sightings", () => {
  describe("pglite", () => contract("pglite"));
  describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => contract("postgres"));
});
