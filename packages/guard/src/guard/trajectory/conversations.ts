import type { Role } from "../../core/message.js";
import type { Signal, Span } from "../../core/signal.js";
import type { CategoryRule, TrajectorySettings } from "../policy/policy.js";
import { advance, NEW_TRAJECTORY, type Trajectory } from "./accumulate.js";
import { conversationKey, EMPTY_CHAIN, extendChain } from "./chain.js";
import { trajectorySignal } from "./signal.js";
import { BoundedStore } from "./store.js";

/** A screened turn of the request: a user or tool message, or the whole input when it was a string. */
export interface Turn {
  readonly role: Role;
  readonly content: string;
  /** Index of the message in the request; none when the input was a string. */
  readonly message: number | undefined;
}

/** What scanning one turn found: signals without message indices, and the turn's risk. */
export interface ScreenedTurn {
  readonly signals: readonly Signal[];
  readonly risk: number;
}

export interface ConversationStats {
  /** Conversations remembered now. */
  readonly stored: number;
  readonly scannedTurns: number;
  /** Turns whose findings came from memory instead of a new scan. */
  readonly reusedTurns: number;
  readonly evicted: number;
  readonly expired: number;
}

/** The result of screening one request; `commit` records it as the conversation's new state. */
export interface Pass {
  readonly signals: Signal[];
  commit(): void;
}

/**
 * Findings of earlier turns kept so a full-history request need not scan them again, at most this
 * many per conversation (each ≈ 1.2 KB with its attributions). A conversation with more is not kept
 * by its turns (the next request scans it again, same result) or, by id, keeps only its trajectory.
 */
export const MAX_CARRIED = 8;

interface Carried {
  /** The conversation's turn (from 0) the signal is in. */
  readonly turn: number;
  readonly signal: Signal;
}

interface Entry {
  /** Chain key over every turn seen. */
  readonly chain: string;
  readonly trajectory: Trajectory;
  /** Every finding of the turns seen, or null when there were more than MAX_CARRIED. */
  readonly carried: readonly Carried[] | null;
  /** The signature set the findings were made with: after an update they are scanned again where possible. */
  readonly generation: number;
}

/** No turn seen; its generation never makes anything look out of date. */
const EMPTY: Entry = {
  chain: EMPTY_CHAIN,
  trajectory: NEW_TRAJECTORY,
  carried: [],
  generation: Number.POSITIVE_INFINITY,
};

/** Where a request starts from. */
interface Start {
  readonly entry: Entry;
  /** The request's first turn to scan: the ones before it are in `entry`. */
  readonly scanFrom: number;
  /** The request's first turn's place in the conversation: 0 for a full history. */
  readonly offset: number;
  /** The id's key, or null to key the new state by its chain. */
  readonly idKey: string | null;
  /** The chain key `entry` is under, to be replaced by the longer conversation's. */
  readonly replaces: string | null;
  /** Chain keys after each of the request's turns, when already computed. */
  readonly chains: readonly string[];
}

/**
 * The trajectory layer's memory: per conversation, the trajectory and the findings of the turns seen.
 *
 * - Without an id a request is the full conversation, keyed by a chain of hashes over its turns:
 *   the longest prefix with a stored state is not scanned again. The state is a function of the
 *   turns, so the verdict equals the one from scanning everything.
 * - With an id the request may instead carry only the new turns: if its first turns hash to the
 *   chain of every turn seen so far it is the full history and only the rest is new; otherwise all
 *   of it is new, appended. An edited history under the same id is therefore counted again: the
 *   risk can be overstated, never understated.
 *
 * A blocked request is never recorded (`commit` is the caller's to skip): a blocked turn does not
 * reach the model, and a conversation that sends it again is scanned and blocked again.
 */
export class Conversations {
  readonly #store: BoundedStore<Entry>;
  readonly #settings: TrajectorySettings;
  readonly #rules: readonly CategoryRule[];
  #scanned = 0;
  #reused = 0;

  constructor(settings: TrajectorySettings, rules: readonly CategoryRule[], now: () => number) {
    this.#settings = settings;
    this.#rules = rules;
    this.#store = new BoundedStore({ maxEntries: settings.maxConversations, ttlMs: settings.ttlSeconds * 1000 }, now);
  }

  get stats(): ConversationStats {
    return {
      stored: this.#store.size,
      scannedTurns: this.#scanned,
      reusedTurns: this.#reused,
      evicted: this.#store.evicted,
      expired: this.#store.expired,
    };
  }

  screen(turns: readonly Turn[], id: string | undefined, generation: number, scan: (turn: Turn) => ScreenedTurn): Pass {
    const start = id === undefined ? this.#byChain(turns, generation) : this.#byId(turns, id, generation);
    const { entry, scanFrom, offset } = start;
    const signals: Signal[] = [];
    if (offset === 0 && entry.carried !== null) {
      for (const { turn, signal } of entry.carried) signals.push(inMessage(signal, turns[turn]!.message));
      this.#reused += scanFrom;
    }

    let { trajectory, chain } = entry;
    let carried: Carried[] | null = entry.carried === null ? null : [...entry.carried];
    for (let i = scanFrom; i < turns.length; i++) {
      const turn = turns[i]!;
      const screened = scan(turn);
      this.#scanned++;
      trajectory = advance(trajectory, screened.risk, this.#settings);
      chain = start.chains[i] ?? extendChain(chain, turn.role, turn.content);
      for (const signal of screened.signals) {
        signals.push(inMessage(signal, turn.message));
        carried?.push({ turn: offset + i, signal });
      }
      if (carried !== null && carried.length > MAX_CARRIED) carried = null;
    }
    if (trajectory.crossing !== null) {
      const spanOf = (turn: number) => wholeTurn(turns[turn - offset]);
      signals.push(trajectorySignal(trajectory.crossing, this.#settings, this.#rules, spanOf));
    }

    const next: Entry = { chain, trajectory, carried, generation: Math.min(generation, entry.generation) };
    const commit = () => {
      if (scanFrom === turns.length) return;
      // Kept by its turns alone, a conversation without its findings would be scanned again anyway.
      if (start.idKey === null && carried === null) return;
      if (start.replaces !== null) this.#store.delete(start.replaces);
      this.#store.set(start.idKey ?? chain, next);
    };
    return { signals, commit };
  }

  #byChain(turns: readonly Turn[], generation: number): Start {
    const chains: string[] = [];
    let chain = EMPTY_CHAIN;
    for (const turn of turns) {
      chain = extendChain(chain, turn.role, turn.content);
      chains.push(chain);
    }
    for (let length = turns.length; length > 0; length--) {
      const key = chains[length - 1]!;
      const entry = this.#store.get(key);
      if (entry === undefined) continue;
      if (reusable(entry, generation))
        return { entry, scanFrom: length, offset: 0, idKey: null, replaces: key, chains };
      this.#store.delete(key);
    }
    return { entry: EMPTY, scanFrom: 0, offset: 0, idKey: null, replaces: null, chains };
  }

  #byId(turns: readonly Turn[], id: string, generation: number): Start {
    const idKey = conversationKey(id);
    const fresh: Start = { entry: EMPTY, scanFrom: 0, offset: 0, idKey, replaces: null, chains: [] };
    const entry = this.#store.get(idKey);
    if (entry === undefined) return fresh;
    const seen = entry.trajectory.turns;
    if (turns.length >= seen && chainOf(turns, seen) === entry.chain) {
      // The full history: what was seen is reused, or, when it is out of date, scanned again from here.
      return reusable(entry, generation) ? { ...fresh, entry, scanFrom: seen } : fresh;
    }
    return { ...fresh, entry, offset: seen };
  }
}

function reusable(entry: Entry, generation: number): boolean {
  return entry.carried !== null && entry.generation >= generation;
}

function chainOf(turns: readonly Turn[], length: number): string {
  let chain = EMPTY_CHAIN;
  for (let i = 0; i < length; i++) chain = extendChain(chain, turns[i]!.role, turns[i]!.content);
  return chain;
}

/** The signal with its spans placed in a message of the request (none when the input was a string). */
export function inMessage(signal: Signal, message: number | undefined): Signal {
  if (message === undefined) return signal;
  return { ...signal, spans: signal.spans.map((span) => ({ ...span, message })) };
}

function wholeTurn(turn: Turn | undefined): Span | undefined {
  if (turn === undefined) return undefined;
  return turn.message === undefined
    ? { start: 0, end: turn.content.length }
    : { start: 0, end: turn.content.length, message: turn.message };
}
