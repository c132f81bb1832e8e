import type { Signature, SignatureSet } from "@rampart/guard";
import type { AdvisoryView } from "../model/advisory.js";

interface Entry {
  readonly seq: number;
  readonly retracted: boolean;
  /** Already renamed for the guard: `${advisoryId}/${signature.id}`. */
  readonly signatures: readonly Signature[];
}

/**
 * The exchange's live signatures, advisory by advisory: pure state, no I/O. Each advisory's latest
 * view (by seq) decides its signatures: an amendment replaces them, a retraction removes them.
 * Retracted advisories are remembered (their seq only) so that a replay of an older event cannot
 * bring their signatures back.
 */
export class SignatureBook {
  private readonly entries = new Map<string, Entry>();
  /** The live exchange signatures in arrival order; rebuilt lazily after a change. */
  private live: readonly Signature[] | undefined = [];
  private liveAdvisories = 0;

  /**
   * Takes one advisory view. Returns whether the live signatures changed, i.e. whether the guard
   * needs a new set; a view whose seq is not newer than the one already applied for that advisory
   * is ignored (replays can repeat or reorder events), and so is an amendment that leaves the
   * signatures as they were.
   */
  apply(view: AdvisoryView): boolean {
    const before = this.entries.get(view.id);
    if (before !== undefined && view.seq <= before.seq) return false;
    const signatures = view.retracted ? [] : renamed(view);
    this.entries.set(view.id, { seq: view.seq, retracted: view.retracted, signatures });
    const wasLive = before !== undefined && !before.retracted;
    this.liveAdvisories += Number(!view.retracted) - Number(wasLive);
    const changed = !sameSignatures(before?.signatures ?? [], signatures);
    if (changed) this.live = undefined;
    return changed;
  }

  /**
   * Drops an advisory this reader may no longer see (its audience was narrowed): like a retraction,
   * as far as this guard is concerned. Returns whether the live signatures changed.
   */
  withdraw(advisoryId: string, seq: number): boolean {
    const before = this.entries.get(advisoryId);
    if (before === undefined || seq <= before.seq) return false;
    this.entries.set(advisoryId, { seq, retracted: true, signatures: [] });
    if (!before.retracted) this.liveAdvisories -= 1;
    const changed = before.signatures.length > 0;
    if (changed) this.live = undefined;
    return changed;
  }

  /**
   * The guard's whole set: `base` (e.g. the starter set) followed by every live exchange signature.
   * An exchange signature whose id the base already uses is left out rather than repeated, because
   * the guard refuses a set with a repeated id and would then keep none of the new signatures.
   */
  set(base: SignatureSet): SignatureSet {
    const taken = new Set(base.signatures.map((s) => s.id));
    const exchange = this.signatures().filter((s) => !taken.has(s.id));
    return { version: 1, name: `${base.name}+exchange`, signatures: [...base.signatures, ...exchange] };
  }

  /** Live exchange signatures (renamed), in the order their advisories were first seen. */
  signatures(): readonly Signature[] {
    if (this.live === undefined) this.live = [...this.entries.values()].flatMap((e) => e.signatures);
    return this.live;
  }

  /** The latest seq applied for an advisory, retracted or not. */
  seqOf(advisoryId: string): number | undefined {
    return this.entries.get(advisoryId)?.seq;
  }

  /** Number of live exchange signatures. */
  get size(): number {
    return this.signatures().length;
  }

  /** Number of advisories whose signatures are live (seen and not retracted). */
  get advisories(): number {
    return this.liveAdvisories;
  }
}

/** The id and description name the advisory, so that a verdict's reason says which one matched. */
function renamed(view: AdvisoryView): Signature[] {
  const list = view.access === "full" ? view.content.signatures : view.signatures;
  return list.map((s) => ({
    ...s,
    id: `${view.id}/${s.id}`,
    description: `exchange advisory ${view.id}: ${s.description}`,
  }));
}

function sameSignatures(a: readonly Signature[], b: readonly Signature[]): boolean {
  return a.length === b.length && a.every((s, i) => JSON.stringify(s) === JSON.stringify(b[i]));
}
