/**
 * Text whose every code unit remembers the range of the ORIGINAL input it came from. Every stage of
 * the canonicaliser takes one and returns one, so offsets compose without a separate pass.
 */
export interface Mapped {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * The input as its own map. Most prompts need no map at all (detectors only ask for one on a
 * match), so the arrays are built on first use rather than on every call.
 */
export function identityMapped(text: string): Mapped {
  let starts: Int32Array | undefined;
  let ends: Int32Array | undefined;
  return {
    text,
    get starts() {
      starts ??= ramp(text.length, 0);
      return starts;
    },
    get ends() {
      ends ??= ramp(text.length, 1);
      return ends;
    },
  };
}

/** Same maps, new text of the same length (a 1:1 rewrite such as lowercasing ASCII). */
export function retext(source: Mapped, text: string): Mapped {
  return {
    text,
    get starts() {
      return source.starts;
    },
    get ends() {
      return source.ends;
    },
  };
}

function ramp(length: number, offset: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = i + offset;
  return out;
}

/** Original range covered by units [from, to) of `mapped`, whichever way the map runs; `to > from`. */
export function originalRange(mapped: Mapped, from: number, to: number): { start: number; end: number } {
  const starts = mapped.starts;
  const ends = mapped.ends;
  const start = Math.min(starts[from] ?? 0, starts[to - 1] ?? 0);
  const end = Math.max(ends[from] ?? 0, ends[to - 1] ?? 0);
  return { start, end: Math.max(start, end) };
}

/** String.fromCharCode takes its units as arguments; engines cap how many one call may pass. */
const CHUNK = 8192;

/**
 * Appends code units with their original ranges into typed arrays that double as they fill; the
 * text is made once, in chunks, at the end. No stage concatenates strings unit by unit.
 */
export class MappedBuilder {
  private units: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.units = new Uint16Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }

  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow(1);
    const at = this.length++;
    this.units[at] = unit;
    this.starts[at] = start;
    this.ends[at] = end;
  }

  /** All units of `text` map to the same original range (an expansion such as "ﬁ" → "fi"). */
  pushString(text: string, start: number, end: number): void {
    for (let i = 0; i < text.length; i++) this.push(text.charCodeAt(i), start, end);
  }

  /** Copies units [from, to) of `source` unchanged, maps included. */
  copy(source: Mapped, from: number, to: number): void {
    if (to <= from) return;
    if (this.length + (to - from) > this.units.length) this.grow(to - from);
    const text = source.text;
    const sourceStarts = source.starts;
    const sourceEnds = source.ends;
    const units = this.units;
    const starts = this.starts;
    const ends = this.ends;
    let at = this.length;
    for (let i = from; i < to; i++, at++) {
      units[at] = text.charCodeAt(i);
      starts[at] = sourceStarts[i] ?? 0;
      ends[at] = sourceEnds[i] ?? 0;
    }
    this.length = at;
  }

  /** The last unit's original end, for units that stand between pieces (joiners). */
  lastEnd(): number {
    return this.length > 0 ? (this.ends[this.length - 1] ?? 0) : 0;
  }

  unit(index: number): number {
    return this.units[index] ?? 0;
  }

  /** The text of units [from, to), for quoting in a reason. */
  textOf(from: number, to: number): string {
    return unitsToString(this.units, from, Math.min(to, this.length));
  }

  /** Drops everything after the first `length` units (a decoding that turned out not to be text). */
  truncate(length: number): void {
    this.length = Math.min(this.length, Math.max(0, length));
  }

  build(): Mapped {
    return {
      text: unitsToString(this.units, 0, this.length),
      starts: this.starts.subarray(0, this.length),
      ends: this.ends.subarray(0, this.length),
    };
  }

  private grow(extra: number): void {
    const size = Math.max(this.length + extra, this.units.length * 2);
    const units = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    units.set(this.units.subarray(0, this.length));
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.units = units;
    this.starts = starts;
    this.ends = ends;
  }
}

function unitsToString(units: Uint16Array, from: number, to: number): string {
  if (to - from <= CHUNK) return String.fromCharCode.apply(null, units.subarray(from, to) as unknown as number[]);
  const parts: string[] = [];
  for (let i = from; i < to; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + CHUNK)) as unknown as number[]));
  }
  return parts.join("");
}
