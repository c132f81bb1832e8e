import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigner } from "../../ledger/signing/index.js";
import type { Store } from "../../store/index.js";
import { POSTGRES_SUITE, TEST_DATABASE_URL } from "../../store/test-store.testing.js";
import { addOrganisation, closeStoresAfterEach, freshRepository } from "./fixtures.testing.js";

closeStoresAfterEach();
const MISSING = "00000000-0000-4000-8000-000000000000";

function contract(kind: Store["kind"]) {
  it("creates organisations with a valid verifier key and finds them by id and name", async () => {
    const { repo } = await freshRepository(kind);
    const key = generateSigner("acme.example");
    const acme = await repo.createOrganisation({ name: "acme", signingKey: `${key.verifierKey}\n` });
    expect(acme).toMatchObject({ name: "acme", signingKey: key.verifierKey });
    expect(acme.created).toBeInstanceOf(Date);
    const beta = await addOrganisation(repo, "beta");
    expect(await repo.organisation(acme.id)).toEqual(acme);
    expect(await repo.organisationByName("beta")).toEqual(beta);
    expect(await repo.listOrganisations()).toEqual([acme, beta]);
    expect(await repo.organisation(MISSING)).toBeUndefined();
    expect(await repo.organisation("not-a-uuid")).toBeUndefined();
    await expect(addOrganisation(repo, "acme")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(repo.createOrganisation({ name: "gamma", signingKey: key.signerKey })).rejects.toMatchObject({
      code: "KEY_INVALID",
    });
    await expect(repo.createOrganisation({ name: "gamma", signingKey: "nonsense" })).rejects.toMatchObject({
      code: "KEY_INVALID",
    });
    const blank = repo.createOrganisation({ name: " ", signingKey: key.verifierKey });
    await expect(blank).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });

  it("stores API keys hashed, shows them once and authenticates them with the organisation's groups", async () => {
    const { store, repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const alice = await repo.createMember({ org: acme.id, name: "alice" });
    const group = await repo.createGroup({ name: "finance-isac", orgs: [acme.id] });
    const created = await repo.createApiKey(alice.id);
    expect(created.key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 8));
    const rows = await store.query<{ sha256: Uint8Array; prefix: string }>("SELECT sha256, prefix FROM api_keys");
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.sha256).equals(createHash("sha256").update(created.key).digest())).toBe(true);
    const dump = JSON.stringify(await store.query("SELECT * FROM api_keys"));
    expect(dump).not.toContain(created.key);
    expect(await repo.authenticate(created.key)).toEqual({
      keyId: created.id,
      member: alice.id,
      org: acme.id,
      groups: [group.id],
    });
    const second = await repo.createApiKey(alice.id);
    expect(second.key).not.toBe(created.key);
    expect(await repo.authenticate(`${created.key.slice(0, -1)}${created.key.endsWith("A") ? "B" : "A"}`)).toBe(
      undefined,
    );
    expect(await repo.authenticate("rk_short")).toBeUndefined();
    expect(await repo.authenticate("")).toBeUndefined();
  });

  it("refuses revoked keys and keeps the others working", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const alice = await repo.createMember({ org: acme.id, name: "alice" });
    const revoked = await repo.createApiKey(alice.id);
    const kept = await repo.createApiKey(alice.id);
    await repo.revokeApiKey(revoked.id);
    await repo.revokeApiKey(revoked.id);
    expect(await repo.authenticate(revoked.key)).toBeUndefined();
    expect(await repo.authenticate(kept.key)).toMatchObject({ keyId: kept.id, groups: [] });
    await expect(repo.revokeApiKey(MISSING)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses members and keys of nobody, and repeated member names", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    await repo.createMember({ org: acme.id, name: "alice" });
    await expect(repo.createMember({ org: acme.id, name: "alice" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(repo.createMember({ org: MISSING, name: "bob" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.createApiKey(MISSING)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.createApiKey("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps sharing groups of existing organisations", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const beta = await addOrganisation(repo, "beta");
    const isac = await repo.createGroup({ name: "isac", orgs: [acme.id, acme.id] });
    expect(isac).toEqual({ id: isac.id, name: "isac", orgs: [acme.id] });
    const empty = await repo.createGroup({ name: "empty", orgs: [] });
    await repo.addToGroup(empty.id, beta.id);
    await repo.addToGroup(empty.id, beta.id);
    await repo.addToGroup(isac.id, beta.id);
    expect(await repo.groupsOf(beta.id)).toEqual([empty.id, isac.id].sort());
    expect(await repo.groupsOf(acme.id)).toEqual([isac.id]);
    expect(await repo.groupsOf(MISSING)).toEqual([]);
    await expect(repo.createGroup({ name: "isac", orgs: [] })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(repo.createGroup({ name: "other", orgs: [MISSING] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.addToGroup(MISSING, acme.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(repo.addToGroup(isac.id, MISSING)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("claims a nonce once per organisation, keeps it only if the write commits, and prunes old ones", async () => {
    const { repo } = await freshRepository(kind);
    const acme = await addOrganisation(repo, "acme");
    const beta = await addOrganisation(repo, "beta");
    const at = new Date("2026-01-01T00:00:00.000Z");
    expect(await repo.transaction((tx) => repo.claimNonce(tx, acme.id, "nonce-1", at))).toBe(true);
    expect(await repo.transaction((tx) => repo.claimNonce(tx, acme.id, "nonce-1", at))).toBe(false);
    expect(await repo.transaction((tx) => repo.claimNonce(tx, beta.id, "nonce-1", at))).toBe(true);
    const failed = repo.transaction(async (tx) => {
      expect(await repo.claimNonce(tx, acme.id, "nonce-2", at)).toBe(true);
      throw new Error("the write failed");
    });
    await expect(failed).rejects.toThrow("the write failed");
    expect(await repo.transaction((tx) => repo.claimNonce(tx, acme.id, "nonce-2", new Date()))).toBe(true);
    expect(await repo.pruneNonces(new Date("2026-01-01T00:00:01.000Z"))).toBe(2);
    expect(await repo.transaction((tx) => repo.claimNonce(tx, acme.id, "nonce-2", new Date()))).toBe(false);
  });
}

describe("exchange repository: organisations, keys, groups, nonces", () => {
  describe("pglite", () => contract("pglite"));
  describe.skipIf(!TEST_DATABASE_URL)(POSTGRES_SUITE, () => contract("postgres"));
});
