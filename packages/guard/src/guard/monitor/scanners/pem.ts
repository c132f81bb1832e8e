const BEGIN = "-----BEGIN ";
const DASHES = "-----";
/** Longer than any PEM label ("ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"). */
const MAX_LABEL = 40;
const PRIVATE_LABEL = /^(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?$/;
const END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
/** Longer than any END line, so a line cut by a chunk boundary is still found whole. */
const END_CARRY = 63;
/** A real key body has hundreds of base64 characters; `...` or `<your key>` is an example. */
const MIN_BODY = 64;
const BASE64_CHAR = /[A-Za-z0-9+/=]/g;

/** A private key block, in whole-output coordinates. */
export interface PemBlock {
  readonly start: number;
  readonly end: number;
  /** No END line came within `cap`: the block is cut there. */
  readonly capped: boolean;
}

type State = "seek" | "label" | "body";

/**
 * Finds `-----BEGIN … PRIVATE KEY-----` … `-----END … PRIVATE KEY-----` blocks in a stream. From
 * BEGIN on, everything is pending (the monitor holds it back) until the END line, or until `cap`
 * characters without one, when the block found so far is reported as it is.
 */
export class PemBlocks {
  readonly #cap: number;
  #state: State = "seek";
  /** Unsettled text: it starts at #windowStart in the whole output. */
  #window = "";
  #windowStart = 0;
  /** Where the next search in #window starts. */
  #from = 0;
  #blockStart = 0;
  #bodyChars = 0;

  constructor(cap: number) {
    this.#cap = cap;
  }

  push(text: string, offset: number): PemBlock[] {
    if (this.#window.length === 0) {
      // Most output has no marker in sight: nothing to carry.
      if (this.#state === "seek" && !text.includes("-")) return [];
      this.#windowStart = offset;
    }
    this.#window += text;
    const found: PemBlock[] = [];
    for (;;) {
      const progressed =
        this.#state === "seek" ? this.#seek() : this.#state === "label" ? this.#label() : this.#body(found);
      if (!progressed) break;
    }
    return found;
  }

  end(): PemBlock[] {
    const found: PemBlock[] = [];
    if (this.#state === "body") this.#close(found, this.#windowStart + this.#window.length, true, this.#window.length);
    this.#state = "seek";
    this.#window = "";
    this.#from = 0;
    return found;
  }

  /** Characters at the end of `length` output that may still belong to a block. */
  pending(length: number): number {
    return this.#state === "seek" ? this.#window.length - this.#from : length - this.#blockStart;
  }

  #seek(): boolean {
    const at = this.#window.indexOf(BEGIN, this.#from);
    if (at < 0) {
      this.#keep(this.#window.length - partialBegin(this.#window, this.#from));
      return false;
    }
    this.#state = "label";
    this.#blockStart = this.#windowStart + at;
    this.#keep(at);
    this.#from = BEGIN.length;
    return true;
  }

  #label(): boolean {
    const close = this.#window.indexOf(DASHES, this.#from);
    const tooLong = (close < 0 ? this.#window.length : close) - this.#from > MAX_LABEL;
    if (close < 0 && !tooLong) return false;
    if (tooLong || !PRIVATE_LABEL.test(this.#window.slice(this.#from, close))) {
      this.#state = "seek";
      return true;
    }
    this.#state = "body";
    this.#bodyChars = 0;
    this.#from = close + DASHES.length;
    return true;
  }

  #body(found: PemBlock[]): boolean {
    const capAt = this.#blockStart + this.#cap - this.#windowStart;
    let m: RegExpExecArray | null = null;
    if (this.#window.indexOf("-----END ", this.#from) >= 0) {
      END.lastIndex = this.#from;
      m = END.exec(this.#window);
    }
    if (m !== null && m.index + m[0].length <= capAt) {
      this.#close(found, this.#windowStart + m.index + m[0].length, false, m.index);
      return true;
    }
    if (this.#window.length >= capAt) {
      this.#close(found, this.#blockStart + this.#cap, true, capAt);
      return true;
    }
    const settled = Math.max(this.#from, this.#window.length - END_CARRY);
    this.#bodyChars += countBase64(this.#window.slice(this.#from, settled));
    this.#keep(settled);
    this.#from = 0;
    return false;
  }

  /** Ends the block at `end` (whole output); its body runs up to `bodyEnd` in the window. */
  #close(found: PemBlock[], end: number, capped: boolean, bodyEnd: number): void {
    this.#bodyChars += countBase64(this.#window.slice(this.#from, bodyEnd));
    if (this.#bodyChars >= MIN_BODY) found.push({ start: this.#blockStart, end, capped });
    this.#state = "seek";
    this.#from = end - this.#windowStart;
  }

  /** Drops the window before `at`. */
  #keep(at: number): void {
    this.#window = this.#window.slice(at);
    this.#windowStart += at;
    this.#from -= Math.min(this.#from, at);
  }
}

const BEGIN_PREFIXES = Array.from({ length: BEGIN.length - 1 }, (_, k) => BEGIN.slice(0, k + 1));

/** Length of the longest end of `text` (after `from`) that BEGIN starts with: a marker cut by a chunk boundary. */
function partialBegin(text: string, from: number): number {
  const last = text.charCodeAt(text.length - 1);
  if (last !== 45 && last !== 32 && !(last >= 66 && last <= 78)) return 0;
  for (let k = Math.min(BEGIN_PREFIXES.length, text.length - from); k > 0; k--) {
    if (text.endsWith(BEGIN_PREFIXES[k - 1]!)) return k;
  }
  return 0;
}

function countBase64(text: string): number {
  return text.match(BASE64_CHAR)?.length ?? 0;
}
