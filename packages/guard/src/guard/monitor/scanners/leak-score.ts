/** The evidence that an output reproduces a system prompt, as counted so far. */
export interface LeakEvidence {
  /** Distinct counted shingles of the prompt found in the output, and how many the prompt has. */
  readonly shingles: number;
  readonly shinglesTotal: number;
  /** Longest run of consecutive output words that are all inside reproduced shingles. */
  readonly run: number;
  /** Distinctive prompt tokens found in the output in the prompt's order, and how many the prompt has. */
  readonly ordered: number;
  readonly orderedTotal: number;
}

/** Fewer reproduced shingles than this is a shared phrase or two, whatever the fraction. */
const MIN_SHINGLES = 5;
/** Fewer distinctive tokens in order than this is an answer that names the same product. */
const MIN_ORDERED = 5;
/** A translated leak halts only when this many of the prompt's tokens come back in order. */
const HALT_ORDERED = 8;

function ramp(x: number, x0: number, x1: number, y0: number, y1: number): number {
  if (x <= x0) return y0;
  if (x >= x1) return y1;
  return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
}

/**
 * How strongly the output reproduces the prompt, 0..1. Verbatim: 10% of the prompt's shingles or
 * 12 words in a row reach 0.5, 40% or 25 words in a row 0.8. Translated (no shingle survives, but
 * names, numbers and identifiers keep their order): a quarter of them in order reaches 0.5, and
 * 0.8 needs 40% and at least eight.
 */
export function leakScore(e: LeakEvidence): number {
  let verbatim = 0;
  const fraction = e.shinglesTotal === 0 ? 0 : e.shingles / e.shinglesTotal;
  if (e.shingles >= MIN_SHINGLES && fraction >= 0.1) {
    verbatim = fraction < 0.4 ? ramp(fraction, 0.1, 0.4, 0.5, 0.8) : ramp(fraction, 0.4, 1, 0.8, 1);
  }
  if (e.run >= 12)
    verbatim = Math.max(verbatim, e.run < 25 ? ramp(e.run, 12, 25, 0.5, 0.8) : ramp(e.run, 25, 75, 0.8, 1));

  let translated = 0;
  const share = e.orderedTotal === 0 ? 0 : e.ordered / e.orderedTotal;
  if (e.ordered >= MIN_ORDERED && share >= 0.25) {
    translated =
      e.ordered >= HALT_ORDERED && share >= 0.4 ? ramp(share, 0.4, 0.8, 0.8, 0.95) : ramp(share, 0.25, 0.5, 0.5, 0.75);
  }
  return Math.round(Math.max(verbatim, translated) * 100) / 100;
}
