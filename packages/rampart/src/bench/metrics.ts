/** Confusion counts with the rates derived from them; a rate with nothing to divide by is null. */
export interface Quality {
  readonly tpr: number | null;
  readonly fpr: number | null;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export interface Latency {
  readonly p50Micros: number;
  readonly p90Micros: number;
  readonly p99Micros: number;
  /** Prompts per second on one core: checks done over the time spent inside them. */
  readonly perSecond: number;
}

export interface Outcome {
  readonly attack: boolean;
  readonly detected: boolean;
}

export function quality(outcomes: Iterable<Outcome>): Quality {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const { attack, detected } of outcomes) {
    if (attack && detected) tp++;
    else if (attack) fn++;
    else if (detected) fp++;
    else tn++;
  }
  return { tpr: ratio(tp, tp + fn), fpr: ratio(fp, fp + tn), tp, fp, tn, fn };
}

/** Quality per group (source, kind, …), groups in first-seen order. */
export function qualityBy<T extends Outcome>(
  outcomes: readonly T[],
  key: (outcome: T) => string,
): Record<string, Quality> {
  const groups = new Map<string, T[]>();
  for (const outcome of outcomes) {
    const name = key(outcome);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [outcome]);
    else group.push(outcome);
  }
  return Object.fromEntries([...groups].map(([name, group]) => [name, quality(group)]));
}

/** Percentiles by nearest rank over per-check times in nanoseconds. */
export function latency(nanos: readonly number[]): Latency {
  if (nanos.length === 0) return { p50Micros: 0, p90Micros: 0, p99Micros: 0, perSecond: 0 };
  const sorted = [...nanos].sort((a, b) => a - b);
  const at = (p: number) => round1(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! / 1000);
  const total = sorted.reduce((sum, n) => sum + n, 0);
  return {
    p50Micros: at(0.5),
    p90Micros: at(0.9),
    p99Micros: at(0.99),
    perSecond: total === 0 ? 0 : Math.round((sorted.length * 1e9) / total),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
