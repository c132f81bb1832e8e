import { RampartError } from "@rampart/guard";
import { parseVerifier, type Verifier } from "../ledger/signing/index.js";
import type { Store } from "../store/index.js";
import { accessLevel, viewOf } from "./access/index.js";
import type { AdvisoryRecord, AdvisoryView, SightingInput, SightingRecord, Viewer } from "./model/advisory.js";
import { type AdvisoryFilters, type ExchangeRepository, MAX_PAGE, type Principal } from "./repository/index.js";
import { openSubmission } from "./submission/submission.js";

/** How long an organisation's signing key is trusted from memory before it is read again. */
const SIGNING_KEY_TTL_MS = 10_000;

/** The notification channel on which every write announces its seq to all nodes. */
export const FEED_CHANNEL = "exchange";

/** A page in the TAXII envelope: `next` is the seq cursor to pass back, `more` whether to ask again. */
export interface Page {
  readonly more: boolean;
  readonly next?: string;
  readonly objects: readonly AdvisoryView[];
}

export interface ListRequest {
  readonly viewer: Viewer;
  /** The cursor from the previous page's `next`: a seq. */
  readonly after?: number;
  /** Only versions added after this time (TAXII's convenience filter; paging stays by seq). */
  readonly addedAfter?: Date;
  readonly limit: number;
  readonly filters?: Omit<AdvisoryFilters, "audience">;
}

/**
 * The exchange's operations, each going through the one access function: every read path (list,
 * get, feed, search, export) sees an advisory at the level `accessLevel` gives, and a reader learns
 * nothing of an advisory it may not see, not even that it exists.
 */
export class ExchangeService {
  private readonly signingKeys = new Map<string, { readonly verifier: Verifier; readonly at: number }>();

  constructor(
    readonly repository: ExchangeRepository,
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  viewerOf(principal: Principal | undefined): Viewer {
    return principal === undefined
      ? { kind: "anonymous" }
      : { kind: "member", org: principal.org, groups: principal.groups };
  }

  /**
   * Applies a signed submission of the principal's organisation: the signature must be that
   * organisation's key, the nonce unused, the time inside the window. The nonce, the write and the
   * feed notification share one transaction, so a refused or failed submission changes nothing.
   */
  async submit(principal: Principal, envelope: unknown): Promise<AdvisoryRecord> {
    const now = this.now();
    const opened = openSubmission(envelope, await this.signingKeyOf(principal.org, now), now);
    if (!opened.ok) throw new RampartError(opened.code, `Submission refused: ${opened.reason}.`);
    const submission = opened.submission;
    return this.store.transaction(async (tx) => {
      if (!(await this.repository.claimNonce(tx, principal.org, submission.nonce, new Date(submission.issuedAt)))) {
        throw new RampartError("REPLAYED", "Submission refused: this nonce was used before (a replay).");
      }
      const record =
        submission.action === "publish"
          ? await this.repository.publish({ ...submission.advisory, creatorOrg: principal.org }, tx)
          : submission.action === "amend"
            ? await this.repository.amend(
                submission.id,
                principal.org,
                {
                  ...(submission.content === undefined ? {} : { content: submission.content }),
                  ...(submission.distribution === undefined ? {} : { distribution: submission.distribution }),
                },
                tx,
              )
            : await this.repository.retract(submission.id, principal.org, tx);
      await tx.query("SELECT pg_notify($1, $2)", [this.store.channel(FEED_CHANNEL), String(record.seq)]);
      return record;
    });
  }

  /**
   * The organisation's signing key, parsed, kept for a few seconds: a publisher sending many
   * submissions would otherwise pay a read and a key parse for each.
   */
  private async signingKeyOf(org: string, now: Date): Promise<Verifier> {
    const cached = this.signingKeys.get(org);
    if (cached !== undefined && now.getTime() - cached.at < SIGNING_KEY_TTL_MS) return cached.verifier;
    const organisation = await this.repository.organisation(org);
    if (organisation === undefined)
      throw new RampartError("UNAUTHENTICATED", "The key's organisation no longer exists.");
    const verifier = parseVerifier(organisation.signingKey);
    this.signingKeys.set(org, { verifier, at: now.getTime() });
    return verifier;
  }

  /** A record already in hand, as the viewer may see it. */
  viewAs(record: AdvisoryRecord, viewer: Viewer): AdvisoryView | undefined {
    return viewOf(record, accessLevel(record, viewer, this.now()));
  }

  /** One advisory as the viewer may see it; undefined both when it does not exist and when it is hidden. */
  async get(id: string, viewer: Viewer): Promise<AdvisoryView | undefined> {
    const record = await this.repository.get(id);
    return record === undefined ? undefined : this.viewAs(record, viewer);
  }

  /**
   * Every version of an advisory the viewer may see, oldest first, each judged on its own
   * distribution (a version shared more narrowly than the current one stays hidden from those it excluded).
   */
  async history(id: string, viewer: Viewer): Promise<AdvisoryView[]> {
    const now = this.now();
    const versions = (await this.repository.history(id)).flatMap((record) => {
      const view = viewOf(record, accessLevel(record, viewer, now));
      return view === undefined ? [] : [view];
    });
    if (versions.length === 0) throw new RampartError("NOT_FOUND", `No advisory ${id} that you may see.`);
    return versions;
  }

  /** A page of what the viewer may see, by seq; skips hidden rows without counting them. */
  async list(request: ListRequest): Promise<Page> {
    const limit = Math.min(Math.max(1, request.limit), MAX_PAGE);
    const objects: AdvisoryView[] = [];
    let cursor = request.after ?? 0;
    let exhausted = false;
    while (objects.length < limit && !exhausted) {
      const page = await this.repository.after(cursor, MAX_PAGE, { ...request.filters, audience: request.viewer });
      exhausted = page.length < MAX_PAGE;
      for (const record of page) {
        cursor = record.seq;
        if (request.addedAfter !== undefined && record.modified <= request.addedAfter) continue;
        const view = viewOf(record, accessLevel(record, request.viewer, this.now()));
        if (view === undefined) continue;
        objects.push(view);
        if (objects.length === limit) break;
      }
    }
    const more = objects.length === limit && !(exhausted && cursor === (await this.repository.headSeq()));
    return { more, ...(objects.length === 0 && !more ? {} : { next: String(cursor) }), objects };
  }

  /**
   * Advisories whose visible narrative mentions every word of the query. Only full views are
   * searched: matching the hidden narrative of an embargoed advisory would reveal what it says.
   */
  async search(query: string, viewer: Viewer, limit: number): Promise<AdvisoryView[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) throw new RampartError("INPUT_INVALID", "Give at least one word to search for.");
    const found: AdvisoryView[] = [];
    let cursor = 0;
    for (;;) {
      const page = await this.repository.after(cursor, MAX_PAGE, { audience: viewer, includeRetracted: false });
      for (const record of page) {
        cursor = record.seq;
        const view = viewOf(record, accessLevel(record, viewer, this.now()));
        if (view?.access !== "full") continue;
        const { title, description, technique } = view.content;
        const text = [title, description, technique.name, ...technique.atlas, ...technique.owasp.map((o) => o.id)]
          .join("\n")
          .toLowerCase();
        if (words.every((word) => text.includes(word))) found.push(view);
        if (found.length === limit) return found;
      }
      if (page.length < MAX_PAGE) return found;
    }
  }

  /** Records a sighting by the principal's organisation of an advisory it may see. */
  async sight(principal: Principal, id: string, input: SightingInput): Promise<SightingRecord> {
    if ((await this.get(id, this.viewerOf(principal))) === undefined) {
      throw new RampartError("NOT_FOUND", `No advisory ${id} that you may see.`);
    }
    return this.store.transaction(async (tx) => {
      const sighting = await this.repository.addSighting(id, principal.org, input, tx);
      await tx.query("SELECT pg_notify($1, $2)", [this.store.channel(FEED_CHANNEL), ""]);
      return sighting;
    });
  }

  /** Sightings of an advisory, for readers who may see its narrative. */
  async sightings(id: string, viewer: Viewer): Promise<SightingRecord[]> {
    if ((await this.get(id, viewer))?.access !== "full")
      throw new RampartError("NOT_FOUND", `No advisory ${id} that you may see.`);
    return this.repository.sightings(id);
  }

  /** Every advisory the viewer sees in full, oldest first: what the STIX export may contain. */
  async fullViews(viewer: Viewer): Promise<Extract<AdvisoryView, { access: "full" }>[]> {
    const views: Extract<AdvisoryView, { access: "full" }>[] = [];
    let cursor = 0;
    for (;;) {
      const page = await this.repository.after(cursor, MAX_PAGE, { audience: viewer });
      for (const record of page) {
        cursor = record.seq;
        const view = viewOf(record, accessLevel(record, viewer, this.now()));
        if (view?.access === "full") views.push(view);
      }
      if (page.length < MAX_PAGE) return views;
    }
  }
}
