/**
 * Text whose every code unit remembers the range of the ORIGINAL input it came from. Every stage of
 * the canonicaliser takes one and returns one, so offsets compose without a separate pass.
 */
export interface Mapped {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Unit i came from original unit i: copies can skip building the maps at all. */
  readonly identity?: boolean;
  /**
   * starts[i] and ends[i] without the arrays: a lookup in the segment table (and, for a copied
   * segment, in its source's), so mapping a match never materialises whole-text maps.
   */
  startAt(i: number): number;
  endAt(i: number): number;
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
    identity: true,
    get starts() {
      starts ??= ramp(text.length, 0);
      return starts;
    },
    get ends() {
      ends ??= ramp(text.length, 1);
      return ends;
    },
    startAt: (i) => i,
    endAt: (i) => i + 1,
  };
}

/** Same maps, new text of the same length (a 1:1 rewrite such as lowercasing ASCII). */
export function retext(source: Mapped, text: string): Mapped {
  return {
    text,
    identity: source.identity === true,
    get starts() {
      return source.starts;
    },
    get ends() {
      return source.ends;
    },
    startAt: (i) => source.startAt(i),
    endAt: (i) => source.endAt(i),
  };
}

function ramp(length: number, offset: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = i + offset;
  return out;
}

/** Where unit i of `mapped` starts in the original (read without building identity maps). */
export function startOf(mapped: Mapped, i: number): number {
  return mapped.identity === true ? i : mapped.startAt(i);
}

export function endOf(mapped: Mapped, i: number): number {
  return mapped.identity === true ? i + 1 : mapped.endAt(i);
}

/** Original range covered by units [from, to) of `mapped`, whichever way the map runs; `to > from`. */
export function originalRange(mapped: Mapped, from: number, to: number): { start: number; end: number } {
  const start = Math.min(startOf(mapped, from), startOf(mapped, to - 1));
  const end = Math.max(endOf(mapped, from), endOf(mapped, to - 1));
  return { start, end: Math.max(start, end) };
}

/** String.fromCharCode takes its units as arguments; engines cap how many one call may pass. */
const CHUNK = 8192;
/** Below this many units, a loop beats a typed-array view, and units beat a segment. */
const SHORT_COPY = 32;

/**
 * Appends text as segments: stretches copied unchanged from a source, and runs of new units with
 * their original ranges. The text is joined once at the end, and the offset maps are only built
 * when someone reads them, which for most inputs is never (detectors ask on a match). Most
 * stages change a few characters of a long text, so this keeps them to a handful of string
 * slices instead of per-character typed arrays. A builder is used once: build() ends it.
 */
export class MappedBuilder {
  length = 0;
  private readonly texts: string[] = [];
  /** The source a segment was copied from; null for a run of new units. */
  private readonly sources: (Mapped | null)[] = [];
  /** First source unit of a copy, or first index into unitStarts/unitEnds of a run. */
  private readonly froms: number[] = [];
  private readonly unitStarts: number[] = [];
  private readonly unitEnds: number[] = [];
  private pending: number[] = [];
  private pendingFrom = 0;

  push(unit: number, start: number, end: number): void {
    if (this.pending.length === 0) this.pendingFrom = this.unitStarts.length;
    this.pending.push(unit);
    this.unitStarts.push(start);
    this.unitEnds.push(end);
    this.length++;
    if (this.pending.length >= CHUNK) this.flush();
  }

  /** All units of `text` map to the same original range (an expansion such as "ﬁ" → "fi"). */
  pushString(text: string, start: number, end: number): void {
    for (let i = 0; i < text.length; i++) this.push(text.charCodeAt(i), start, end);
  }

  /** Copies units [from, to) of `source` unchanged, maps included. */
  copy(source: Mapped, from: number, to: number): void {
    if (to <= from) return;
    // Between dense edits, a few units cost less as units than as a segment of their own.
    if (to - from < SHORT_COPY && source.identity === true) {
      const text = source.text;
      for (let i = from; i < to; i++) this.push(text.charCodeAt(i), startOf(source, i), endOf(source, i));
      return;
    }
    this.flush();
    this.texts.push(source.text.slice(from, to));
    this.sources.push(source);
    this.froms.push(from);
    this.length += to - from;
  }

  /** The last unit's original end, for units that stand between pieces (joiners). */
  lastEnd(): number {
    if (this.pending.length > 0) return this.unitEnds[this.unitEnds.length - 1] ?? 0;
    const k = this.texts.length - 1;
    if (k < 0) return 0;
    const last = (this.froms[k] ?? 0) + (this.texts[k]?.length ?? 1) - 1;
    const source = this.sources[k];
    return source === null || source === undefined ? (this.unitEnds[last] ?? 0) : endOf(source, last);
  }

  /** The text of units [from, to), for quoting in a reason. */
  textOf(from: number, to: number): string {
    this.flush();
    return this.texts.join("").slice(from, to);
  }

  /** Drops everything after the first `length` units (a decoding that turned out not to be text). */
  truncate(length: number): void {
    this.flush();
    while (this.length > Math.max(0, length)) {
      const k = this.texts.length - 1;
      const text = this.texts[k] ?? "";
      const keep = Math.max(0, text.length - (this.length - length));
      if (this.sources[k] === null) {
        this.unitStarts.length = (this.froms[k] ?? 0) + keep;
        this.unitEnds.length = this.unitStarts.length;
      }
      if (keep === 0) {
        this.texts.pop();
        this.sources.pop();
        this.froms.pop();
      } else {
        this.texts[k] = text.slice(0, keep);
      }
      this.length -= text.length - keep;
    }
  }

  build(): Mapped {
    this.flush();
    const { texts, sources, froms, unitStarts, unitEnds } = this;
    const text = texts.length === 1 ? (texts[0] ?? "") : texts.join("");
    // where each segment starts in the built text, for the binary search of startAt/endAt
    const at = new Int32Array(texts.length + 1);
    for (let k = 0; k < texts.length; k++) at[k + 1] = (at[k] ?? 0) + (texts[k]?.length ?? 0);
    const segmentOf = (i: number): number => {
      let lo = 0;
      let hi = texts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((at[mid] ?? 0) <= i) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const lookup = (i: number, end: boolean): number => {
      if (texts.length === 0) return 0;
      const k = segmentOf(i);
      const unit = (froms[k] ?? 0) + i - (at[k] ?? 0);
      const source = sources[k] ?? null;
      if (source === null) return (end ? unitEnds[unit] : unitStarts[unit]) ?? 0;
      return end ? endOf(source, unit) : startOf(source, unit);
    };
    let starts: Int32Array | undefined;
    let ends: Int32Array | undefined;
    const materialize = () => {
      starts = new Int32Array(text.length);
      ends = new Int32Array(text.length);
      for (let k = 0; k < texts.length; k++) {
        fillMaps(
          starts,
          ends,
          at[k] ?? 0,
          texts[k]?.length ?? 0,
          sources[k] ?? null,
          froms[k] ?? 0,
          unitStarts,
          unitEnds,
        );
      }
    };
    return {
      text,
      get starts() {
        if (starts === undefined) materialize();
        return starts as Int32Array;
      },
      get ends() {
        if (ends === undefined) materialize();
        return ends as Int32Array;
      },
      startAt: (i) => (starts !== undefined ? (starts[i] ?? 0) : lookup(i, false)),
      endAt: (i) => (ends !== undefined ? (ends[i] ?? 0) : lookup(i, true)),
    };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.texts.push(String.fromCharCode.apply(null, this.pending));
    this.sources.push(null);
    this.froms.push(this.pendingFrom);
    this.pending = [];
  }
}

/** Writes the maps of one segment: `length` units at `at`, copied from `source` or from a run. */
function fillMaps(
  starts: Int32Array,
  ends: Int32Array,
  at: number,
  length: number,
  source: Mapped | null,
  from: number,
  unitStarts: readonly number[],
  unitEnds: readonly number[],
): void {
  if (source === null) {
    for (let i = 0; i < length; i++) {
      starts[at + i] = unitStarts[from + i] ?? 0;
      ends[at + i] = unitEnds[from + i] ?? 0;
    }
  } else if (source.identity === true) {
    for (let i = 0; i < length; i++) {
      starts[at + i] = from + i;
      ends[at + i] = from + i + 1;
    }
  } else if (length < SHORT_COPY) {
    const sourceStarts = source.starts;
    const sourceEnds = source.ends;
    for (let i = 0; i < length; i++) {
      starts[at + i] = sourceStarts[from + i] ?? 0;
      ends[at + i] = sourceEnds[from + i] ?? 0;
    }
  } else {
    starts.set(source.starts.subarray(from, from + length), at);
    ends.set(source.ends.subarray(from, from + length), at);
  }
}
