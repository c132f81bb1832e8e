/** Picks one item with the strategy's random source; safe against a source that returns 1 or NaN. */
export function pick<T>(random: () => number, items: readonly [T, ...T[]]): T {
  const r = random();
  const index = Number.isFinite(r) ? Math.min(items.length - 1, Math.max(0, Math.floor(r * items.length))) : 0;
  return items[index]!;
}

/**
 * Separates an encoding strategy's one-line instruction from its payload. Everything after the
 * first occurrence is the payload, so a decoder can always find it.
 */
export const PAYLOAD_SEPARATOR = "\n\n";

/** An encoded request behind a short instruction to decode it and answer. */
export function withInstruction(instruction: string, payload: string): string {
  return `${instruction}${PAYLOAD_SEPARATOR}${payload}`;
}

/** Rewrites each code point through `map` (lone surrogates pass through as themselves). */
export function mapCodePoints(text: string, map: (char: string) => string): string {
  const parts: string[] = [];
  for (const char of text) parts.push(map(char));
  return parts.join("");
}

/** A copy of `items` in an order drawn from the strategy's random source (Fisher–Yates). */
export function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const r = random();
    const j = Number.isFinite(r) ? Math.min(i, Math.max(0, Math.floor(r * (i + 1)))) : i;
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
