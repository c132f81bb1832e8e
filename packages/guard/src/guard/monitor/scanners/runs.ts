import { charFlags, INVISIBLE } from "../../views/char-class.js";

/** Which UTF-16 code units a run is made of. */
export interface CharClass {
  /** Membership of the 128 ASCII codes. */
  readonly ascii: Uint8Array;
  /** Membership of every other code unit. */
  other(code: number): boolean;
}

/** A class from the ASCII characters it holds and a rule for the rest. */
export function charClass(ascii: string, other: (code: number) => boolean): CharClass {
  const table = new Uint8Array(128);
  for (let i = 0; i < ascii.length; i++) table[ascii.charCodeAt(i)] = 1;
  return { ascii: table, other };
}

/**
 * Invisible characters never end a run: a key with a zero-width space inside still renders as
 * the key, so scanners read runs with those characters removed (see `visible`).
 */
export function isInvisible(code: number): boolean {
  return code >= 0xad && code < 0xd800 && (charFlags(code) & INVISIBLE) !== 0;
}

/** Called with each complete run and its start in the whole output. */
export type RunSink = (run: string, start: number) => void;

export interface RunOptions {
  /** Longest run read; a longer one is dropped, which bounds both the carry and the hold-back. */
  readonly cap: number;
  /** Shorter runs are skipped unread (a lone space is a run of the number class). */
  readonly minLength?: number;
  /** How many characters before a run `before` returns. */
  readonly context?: number;
  /**
   * Members at which a run past `cap` ends and a fresh one may start: a space for classes that
   * hold spaces, so a long run of digits cannot hide the card number printed after it.
   */
  readonly restart?: number;
}

/**
 * Splits a stream into maximal runs of one character class, each handed over once complete (the
 * next character is outside the class, or the stream ended), so what a scanner finds in a run
 * cannot depend on where the stream was cut. Only the unfinished run is carried between pieces.
 */
export class RunReader {
  readonly #class: CharClass;
  readonly #cap: number;
  readonly #minLength: number;
  readonly #context: number;
  readonly #restart: number;
  #carry = "";
  /** Start of the unfinished run in the whole output, -1 when there is none. */
  #carryStart = -1;
  /** The unfinished run passed `cap`: skip to its end, or to a restart character. */
  #overlong = false;
  /** What `before` needs for the current run: references, so starting a run copies nothing. */
  #carryRecent = "";
  #carryText = "";
  #carryIndex = 0;
  /** At least the last `context` characters of the output before #text, the latest piece. */
  #recent = "";
  #text = "";

  constructor(charClass: CharClass, options: RunOptions) {
    this.#class = charClass;
    this.#cap = options.cap;
    this.#minLength = options.minLength ?? 1;
    this.#context = options.context ?? 0;
    this.#restart = options.restart ?? -1;
  }

  push(text: string, offset: number, sink: RunSink): void {
    this.#remember(this.#text);
    this.#text = text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.#overlong) {
        let j = i;
        for (; j < n; j++) {
          const code = text.charCodeAt(j);
          if (code === this.#restart || !this.#member(code)) break;
        }
        if (j === n) return;
        this.#overlong = false;
        i = j + 1;
      } else if (this.#carryStart >= 0) {
        // Never look further than the cap: a piece of 64 KB in one class must not be read once per run.
        const room = this.#cap - this.#carry.length;
        const limit = Math.min(n, i + room + 1);
        let j = i;
        while (j < limit && this.#member(text.charCodeAt(j))) j++;
        if (j - i > room) {
          i += room;
          this.#drop();
          this.#overlong = true;
          continue;
        }
        this.#carry += text.slice(i, j);
        if (j === n) return;
        this.#flush(sink);
        i = j;
      } else {
        while (i < n && !this.#member(text.charCodeAt(i))) i++;
        if (i === n) return;
        this.#carryStart = offset + i;
        this.#carryRecent = this.#recent;
        this.#carryText = text;
        this.#carryIndex = i;
      }
    }
  }

  /** The stream ended: hands over the unfinished run. */
  end(sink: RunSink): void {
    if (this.#carryStart >= 0) this.#flush(sink);
    this.#overlong = false;
  }

  /** Where the unfinished run starts in the whole output, -1 when there is none (or it is too long to matter). */
  get pendingStart(): number {
    return this.#carryStart;
  }

  /** The unfinished run so far. */
  get pending(): string {
    return this.#carry;
  }

  /** Up to `context` characters of output before the run being handed to the sink. */
  before(): string {
    const i = this.#carryIndex;
    const local = this.#carryText.slice(Math.max(0, i - this.#context), i);
    return local.length >= this.#context ? local : (this.#carryRecent + local).slice(-this.#context);
  }

  #member(code: number): boolean {
    return code < 128 ? this.#class.ascii[code] === 1 : this.#class.other(code);
  }

  #flush(sink: RunSink): void {
    if (this.#carry.length >= this.#minLength) sink(this.#carry, this.#carryStart);
    this.#drop();
  }

  #drop(): void {
    this.#carry = "";
    this.#carryStart = -1;
    this.#carryRecent = "";
    this.#carryText = "";
  }

  /** Trimmed only once it is four times the context, so tiny pieces cost one append each. */
  #remember(text: string): void {
    if (this.#context === 0) return;
    this.#recent = text.length >= this.#context ? text : this.#recent + text;
    if (this.#recent.length > 4 * this.#context) this.#recent = this.#recent.slice(-this.#context);
  }
}
