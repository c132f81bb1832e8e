import type { TrajectorySettings } from "../policy/policy.js";

/** One screened turn's risk; `turn` counts the conversation's screened turns from 0. */
export interface TurnRisk {
  readonly turn: number;
  readonly risk: number;
}

/** Where the total first reached the threshold, and the turns that brought it there. */
export interface Crossing {
  readonly turn: number;
  readonly total: number;
  /** Oldest first; at most MAX_RECENT. */
  readonly contributors: readonly TurnRisk[];
}

/** A conversation's trajectory: a few numbers, never its text. */
export interface Trajectory {
  /** Screened turns so far. */
  readonly turns: number;
  readonly total: number;
  /** The latest turns with any risk, oldest first; at most MAX_RECENT, so a reason can name them. */
  readonly recent: readonly TurnRisk[];
  /** The first crossing; it stays, since the turns that made it stay in the conversation. */
  readonly crossing: Crossing | null;
}

/** Turns a reason names at most; the total itself counts every turn. */
export const MAX_RECENT = 8;

/** A turn whose decayed risk is under this share of the total is left out of the reason. */
const NAMED_SHARE = 0.05;

export const NEW_TRAJECTORY: Trajectory = { turns: 0, total: 0, recent: [], crossing: null };

type Arithmetic = Pick<TrajectorySettings, "decay" | "threshold">;

/** The trajectory after one more turn: total = decay × total + risk. */
export function advance(state: Trajectory, risk: number, settings: Arithmetic): Trajectory {
  const turn = state.turns;
  const total = settings.decay * state.total + risk;
  const recent = risk > 0 ? [...state.recent.slice(1 - MAX_RECENT), { turn, risk }] : state.recent;
  const crossing =
    state.crossing ??
    (total >= settings.threshold ? { turn, total, contributors: named(recent, turn, total, settings) } : null);
  return { turns: turn + 1, total, recent, crossing };
}

function named(recent: readonly TurnRisk[], now: number, total: number, settings: Arithmetic): TurnRisk[] {
  return recent.filter((entry) => entry.risk * settings.decay ** (now - entry.turn) >= NAMED_SHARE * total);
}
