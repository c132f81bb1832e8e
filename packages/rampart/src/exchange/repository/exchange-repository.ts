import type { Queryable, Store } from "../../store/index.js";
import type { AdvisoryRecord, SightingInput, SightingRecord } from "../model/advisory.js";
import { type AdvisoryChange, amend, type PublishInput, publish, retract } from "./advisories.js";
import {
  type AdvisoryFilters,
  advisoriesAfter,
  advisoriesSince,
  advisoryHistory,
  getAdvisory,
} from "./advisory-reads.js";
import { authenticate, type CreatedApiKey, createApiKey, type Principal, revokeApiKey } from "./api-keys.js";
import { addToGroup, createGroup, groupsOf, type SharingGroup } from "./groups.js";
import { claimNonce, pruneNonces } from "./nonces.js";
import {
  createMember,
  createOrganisation,
  listOrganisations,
  type Member,
  type Organisation,
  organisation,
  organisationByName,
} from "./organisations.js";
import { headSeq } from "./sequence.js";
import { addSighting, advisorySightings } from "./sightings.js";

/**
 * The exchange's data over the common store. Each write runs in one transaction of its own, or in
 * the caller's `tx` where a method takes one, so the API can claim a submission's nonce and make its
 * write atomically; `tx` must be a transaction's handle (see transaction()), not the store, or the
 * row locks that order the writes would not hold. Errors are RampartErrors: NOT_FOUND, FORBIDDEN,
 * CONFLICT, INPUT_INVALID, KEY_INVALID.
 */
export class ExchangeRepository {
  constructor(private readonly store: Store) {}

  /** Runs work in one transaction of the store: pass its tx to the methods that take one. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.store.transaction(work);
  }

  /**
   * Registers an organisation. KEY_INVALID for a bad verifier key, CONFLICT for a taken name, INPUT_INVALID for a blank
   * one.
   */
  createOrganisation(input: { name: string; signingKey: string }): Promise<Organisation> {
    return createOrganisation(this.store, input);
  }

  /** An organisation by id; undefined if unknown (or not a UUID). */
  organisation(id: string): Promise<Organisation | undefined> {
    return organisation(this.store, id);
  }

  /** An organisation by its unique name; undefined if unknown. */
  organisationByName(name: string): Promise<Organisation | undefined> {
    return organisationByName(this.store, name);
  }

  /** Every organisation, by name. */
  listOrganisations(): Promise<Organisation[]> {
    return listOrganisations(this.store);
  }

  /** Adds a member to an organisation: NOT_FOUND without it, CONFLICT for a name it already has. */
  createMember(input: { org: string; name: string }): Promise<Member> {
    return this.store.transaction((tx) => createMember(tx, input));
  }

  /** A new key for a member (NOT_FOUND without them): show `key` once, it is stored only hashed. */
  createApiKey(memberId: string): Promise<CreatedApiKey> {
    return this.store.transaction((tx) => createApiKey(tx, memberId));
  }

  /** Who a key stands for, with its organisation's sharing groups; undefined if unknown, malformed or revoked. */
  authenticate(key: string): Promise<Principal | undefined> {
    return authenticate(this.store, key);
  }

  /** Revokes a key for good (NOT_FOUND if unknown); revoking twice is harmless. */
  revokeApiKey(id: string): Promise<void> {
    return revokeApiKey(this.store, id);
  }

  /** Creates a sharing group of existing organisations: NOT_FOUND for an unknown one, CONFLICT for a taken name. */
  createGroup(input: { name: string; orgs: readonly string[] }): Promise<SharingGroup> {
    return this.store.transaction((tx) => createGroup(tx, input));
  }

  /** Adds an organisation to a group (NOT_FOUND if either is unknown); idempotent. */
  addToGroup(group: string, org: string): Promise<void> {
    return this.store.transaction((tx) => addToGroup(tx, group, org));
  }

  /** The ids of the groups an organisation is in. */
  groupsOf(org: string): Promise<string[]> {
    return groupsOf(this.store, org);
  }

  /** Claims a nonce in `tx` (the write's transaction): false when the organisation used it before. */
  claimNonce(tx: Queryable, org: string, nonce: string, issuedAt: Date): Promise<boolean> {
    return claimNonce(tx, org, nonce, issuedAt);
  }

  /** Deletes nonces issued before `before` (a submission window ago or more); returns how many. */
  pruneNonces(before: Date): Promise<number> {
    return pruneNonces(this.store, before);
  }

  /**
   * Publishes version 1 (see publish in advisories.ts): CONFLICT for a taken id, NOT_FOUND for an unknown creator,
   * INPUT_INVALID for unknown recipients or repeated signature ids.
   */
  publish(input: PublishInput, tx?: Queryable): Promise<AdvisoryRecord> {
    return this.within(tx, (q) => publish(q, input));
  }

  /**
   * Amends an advisory to the next version at a new seq: NOT_FOUND, FORBIDDEN (not the creator), CONFLICT (retracted),
   * INPUT_INVALID.
   */
  amend(id: string, byOrg: string, change: AdvisoryChange, tx?: Queryable): Promise<AdvisoryRecord> {
    return this.within(tx, (q) => amend(q, id, byOrg, change));
  }

  /**
   * Retracts an advisory as its next version at a new seq: NOT_FOUND, FORBIDDEN (not the creator), CONFLICT (already
   * retracted).
   */
  retract(id: string, byOrg: string, tx?: Queryable): Promise<AdvisoryRecord> {
    return this.within(tx, (q) => retract(q, id, byOrg));
  }

  /**
   * The current version of an advisory, retracted or not; undefined if unknown. Pass it through accessLevel before
   * showing it.
   */
  get(id: string): Promise<AdvisoryRecord | undefined> {
    return getAdvisory(this.store, id);
  }

  /** Every version, oldest first, each with its own seq and distribution; [] if unknown. */
  history(id: string): Promise<AdvisoryRecord[]> {
    return advisoryHistory(this.store, id);
  }

  /**
   * Up to `limit` (1 to MAX_PAGE) advisories changed after `seq`, by seq, each once at its latest change: page on with
   * the last seq.
   */
  after(seq: number, limit: number, filters?: AdvisoryFilters): Promise<AdvisoryRecord[]> {
    return advisoriesAfter(this.store, seq, limit, filters);
  }

  /** Like after(), from a time (TAXII added_after): start with it, then page on with after() from the last seq. */
  since(date: Date, limit: number, filters?: AdvisoryFilters): Promise<AdvisoryRecord[]> {
    return advisoriesSince(this.store, date, limit, filters);
  }

  /** The latest seq handed out (0 on a new exchange): where a new subscriber starts. */
  headSeq(): Promise<number> {
    return headSeq(this.store);
  }

  /**
   * Records a sighting at a new seq: NOT_FOUND for an unknown advisory or organisation, INPUT_INVALID for signature ids
   * the advisory lacks. Check the organisation may see the advisory first.
   */
  addSighting(advisoryId: string, org: string, input: SightingInput, tx?: Queryable): Promise<SightingRecord> {
    return this.within(tx, (q) => addSighting(q, advisoryId, org, input));
  }

  /** An advisory's sightings, oldest first. */
  sightings(advisoryId: string): Promise<SightingRecord[]> {
    return advisorySightings(this.store, advisoryId);
  }

  private within<T>(tx: Queryable | undefined, work: (q: Queryable) => Promise<T>): Promise<T> {
    return tx === undefined ? this.store.transaction(work) : work(tx);
  }
}
