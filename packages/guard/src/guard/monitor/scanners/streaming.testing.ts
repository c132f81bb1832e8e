import type { Signal } from "../../../core/signal.js";
import { DEFAULT_POLICY } from "../../policy/policy.js";
import type { OutputContext, OutputScanner } from "../scanner.js";

/**
 * Helpers shared by the output scanners' tests (excluded from the build, like the tests). Keys and
 * numbers are generated, so no key-shaped literal sits in the source for a secret scanner to flag.
 */

/** Deterministic letters and digits. */
export function randomish(length: number, seed: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let state = seed;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}

/** One scanner over a stream cut into `pieces`: every finding, and what it held back after each piece. */
export function scanPieces(
  scanner: OutputScanner,
  pieces: readonly string[],
  context: Partial<OutputContext> = {},
): { signals: Signal[]; pending: number[] } {
  const scan = scanner.start({ messages: [], policy: DEFAULT_POLICY, ...context });
  const signals: Signal[] = [];
  const pending: number[] = [];
  let offset = 0;
  for (const piece of pieces) {
    signals.push(...scan.push(piece, offset));
    offset += piece.length;
    pending.push(scan.pending());
  }
  signals.push(...scan.end());
  return { signals, pending };
}

/** Cuts text at the given points (taken modulo its length): how a stream might deliver it. */
export function cut(text: string, points: readonly number[]): string[] {
  const at = [0, ...[...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b), text.length];
  return at.slice(1).map((end, i) => text.slice(at[i], end));
}
