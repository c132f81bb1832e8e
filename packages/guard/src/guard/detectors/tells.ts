import type { View } from "../views/view.js";
import type { ScanInput } from "./detector.js";
import type { Evidence, Tell } from "./evidence.js";
import { accentInsensitive } from "./lexicon.js";
import {
  isIndexedLetter,
  isWordPart,
  KEY_LENGTH,
  keyOf,
  registerKeys,
  UNSPACED,
  type WordIndex,
  wordStarts,
} from "./word-index.js";

/** Matches taken from one view by one tell set; a megabyte of repeats says nothing more than the first few. */
const MAX_MATCHES_PER_VIEW = 256;

/** A tell with the pattern that finds it. Patterns run with the `u` flag on lower-cased view text. */
export interface TellPattern extends Tell {
  /**
   * Regex sources a match starts with, one per alternative, each beginning with a word (see
   * `startKeys`). The full pattern is tried only where one of them can start.
   */
  readonly start: readonly string[];
  /** The rest of the pattern, matched right after the start. */
  readonly rest?: string;
  /** A lookbehind the text before the start must satisfy, e.g. "(?<=^|\\n)". */
  readonly before?: string;
}

/**
 * A detector's tells compiled into one sticky alternation, tried only where a tell can start: at
 * indexed words with a matching prefix; in views holding Chinese, Japanese, Korean or Thai,
 * wherever a regex of the starts in those scripts matches; and wherever a start that opens with a
 * symbol (`<|`, `[inst]`) matches, which the regex engine finds fast by its first character. Each tell's source must not capture
 * (use `(?:…)`): group i+1 of a match says which tell matched.
 */
export class TellSet {
  /** Every tell in one sticky alternation, for the symbol and unspaced-script starts. */
  private readonly full: Group;
  /** For each index key, the tells whose starts can begin with it. */
  private readonly byKey = new Map<number, readonly number[]>();
  /** Sticky alternations of the tells sharing a key, compiled on first use. */
  private readonly groups = new Map<string, Group>();
  /** The group each key uses, found once per key rather than once per view. */
  private readonly keyGroups = new Map<number, Group>();
  private readonly sources: readonly string[];
  /**
   * The starts in unspaced scripts, then an empty alternative that matches wherever those scripts
   * stop: searched from each run of them, so the text between runs is never scanned.
   */
  private readonly unspaced: RegExp | undefined;
  /**
   * The tells that have an unspaced or a symbol start, in order: at a Chinese or Thai character
   * no other tell can match, so this smaller alternation finds what the full one would.
   */
  private readonly unspacedGroup: Group | undefined;
  private readonly symbols: RegExp | undefined;

  constructor(private readonly tells: readonly TellPattern[]) {
    this.sources = tells.map((t) => accentInsensitive(`${t.before ?? ""}(?:${t.start.join("|")})${t.rest ?? ""}`));
    // counted from the source, not by compiling each tell: compiling hundreds of them cost 100-400 ms at load
    this.sources.forEach((source, i) => {
      if (capturesIn(source) !== 0) throw new Error(`tell ${tells[i]?.kind} must not capture: ${source}`);
    });
    this.full = this.compile(tells.map((_, i) => i));
    const byKey = new Map<number, number[]>();
    const unspaced: string[] = [];
    const symbols: string[] = [];
    const elsewhere = new Set<number>();
    tells.forEach((tell, i) => {
      for (const start of tell.start.map(accentInsensitive)) {
        if (UNSPACED.test(start.charAt(0))) {
          unspaced.push(start);
          elsewhere.add(i);
        } else if (!startsWithLetter(start)) {
          symbols.push(start);
          elsewhere.add(i);
        } else for (const key of startKeys(start)) byKey.set(key, [...new Set([...(byKey.get(key) ?? []), i])]);
      }
    });
    for (const [key, indices] of byKey) this.byKey.set(key, indices);
    registerKeys(byKey.keys());
    this.unspaced =
      unspaced.length === 0
        ? undefined
        : new RegExp(`${unspaced.map((start) => `(?:${start})`).join("|")}|(?!${UNSPACED.source})`, "gu");
    this.unspacedGroup = unspaced.length === 0 ? undefined : this.compile([...elsewhere].sort((a, b) => a - b));
    this.symbols = symbols.length === 0 ? undefined : new RegExp(symbols.join("|"), "gu");
  }

  /** Adds every tell found in any view of `input` to `evidence`. */
  collect(input: ScanInput, evidence: Evidence): void {
    this.collectWith(input, evidence, (tell) => tell);
  }

  /** Like collect, but `judge` may veto (undefined) or rescore a match from its surroundings. */
  collectWith(
    input: ScanInput,
    evidence: Evidence,
    judge: (tell: TellPattern, match: RegExpExecArray, view: View) => Tell | undefined,
  ): void {
    for (const view of input.views) {
      this.forEachMatch(
        view,
        (tell, match) => {
          const judged = judge(tell, match, view);
          if (judged !== undefined) evidence.add(judged, view, match.index, match.index + match[0].length);
        },
        input.words,
      );
    }
  }

  /**
   * Every match in one view, at most one per start position. Matches may overlap ("never use
   * phrases like 'I'm sorry'" holds two tells) and come grouped by start word, not in text order.
   * `words` is the check's word index, shared by its detectors (built here when absent).
   */
  forEachMatch(view: View, onMatch: (tell: TellPattern, match: RegExpExecArray) => void, words?: WordIndex): void {
    let budget = MAX_MATCHES_PER_VIEW;
    const tryAt = (group: Group, positions: readonly number[]): void => {
      for (const at of positions) {
        if (budget === 0) return;
        group.pattern.lastIndex = at;
        const match = group.pattern.exec(view.text);
        if (match === null || match[0].length === 0) continue;
        const tell = group.tellOf(match);
        if (tell === undefined) continue;
        onMatch(tell, match);
        budget--;
      }
    };
    // forEach rather than for…of: no [key, positions] entry is allocated per key
    wordStarts(view, words).forEach((positions, key) => {
      let group = this.keyGroups.get(key);
      if (group === undefined) {
        const indices = this.byKey.get(key);
        if (indices === undefined) return;
        group = this.group(indices);
        this.keyGroups.set(key, group);
      }
      tryAt(group, positions);
    });
    if (this.unspaced !== undefined && this.unspacedGroup !== undefined && UNSPACED.test(view.text)) {
      const positions: number[] = [];
      pushUnspacedMatches(this.unspaced, view.text, positions);
      if (positions.length > 0) tryAt(this.unspacedGroup, positions);
    }
    if (this.symbols !== undefined) {
      const positions: number[] = [];
      pushMatches(this.symbols, view.text, positions);
      if (positions.length > 0) tryAt(this.full, positions);
    }
  }

  private group(indices: readonly number[]): Group {
    const id = indices.join(",");
    let group = this.groups.get(id);
    if (group === undefined) {
      group = this.compile(indices);
      this.groups.set(id, group);
    }
    return group;
  }

  private compile(indices: readonly number[]): Group {
    const pattern = new RegExp(indices.map((i) => `(${this.sources[i]})`).join("|"), "yu");
    const tells = indices.map((i) => this.tells[i]);
    return {
      pattern,
      tellOf(match) {
        for (let i = 0; i < tells.length; i++) if (match[i + 1] !== undefined) return tells[i];
        return undefined;
      },
    };
  }
}

/** Tells compiled into one sticky alternation; capture group i+1 is tell i. */
interface Group {
  readonly pattern: RegExp;
  tellOf(match: RegExpExecArray): TellPattern | undefined;
}

/** A view of a stand-alone string, for matching text a detector assembled itself. */
export function textView(text: string): View {
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { name: "assembled", text, starts, ends, depth: 0 };
}

function pushMatches(pattern: RegExp, text: string, into: number[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    into.push(m.index);
    // step a whole code point: with the u flag, an index inside a surrogate pair is read as its start
    pattern.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
  }
}

const UNSPACED_RUN = new RegExp(UNSPACED.source, "gu");

/**
 * Like pushMatches for the unspaced starts, whose matches begin at a character of those scripts:
 * the search starts at each run of them and stops where the run ends (the pattern's last,
 * empty alternative), so a Latin text with one Chinese word is not scanned end to end.
 */
function pushUnspacedMatches(pattern: RegExp, text: string, into: number[]): void {
  let at = 0;
  while (at < text.length) {
    UNSPACED_RUN.lastIndex = at;
    const run = UNSPACED_RUN.exec(text);
    if (run === null) return;
    pattern.lastIndex = run.index;
    for (let m = pattern.exec(text); ; m = pattern.exec(text)) {
      if (m === null) return;
      if (m[0].length === 0) {
        at = m.index + 1;
        break;
      }
      into.push(m.index);
      pattern.lastIndex = m.index + 1;
    }
  }
}

/**
 * The capture groups in a `u`-flag regex source, read without compiling it: `(` that is not
 * escaped, not inside a class and not `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`; `(?<name>` counts.
 * The source is still compiled (and its syntax checked) as part of the set's full alternation.
 */
export function capturesIn(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c /* backslash */) {
      i++;
    } else if (inClass) {
      if (c === 0x5d /* ] */) inClass = false;
    } else if (c === 0x5b /* [ */) {
      inClass = true;
    } else if (c === 0x28 /* ( */) {
      if (source.charCodeAt(i + 1) !== 0x3f /* ? */) count++;
      else if (source.charCodeAt(i + 2) === 0x3c /* < */) {
        const next = source.charCodeAt(i + 3);
        if (next !== 0x3d /* = */ && next !== 0x21 /* ! */) count++;
      }
    }
  }
  return count;
}

function startsWithLetter(start: string): boolean {
  return /^(?:\[[^\]]*\]|[^\\[\](){}|.*+?^$])/u.test(start) && isIndexedLetter(start.replace(/^\[/, "").charCodeAt(0));
}

/**
 * The index keys (first three characters) a start can begin with, read the way the word index
 * reads text: a start must open with literal characters or simple classes (`[ée]`) up to three of
 * them or to the end of its first word ("no\\s+…", "3d-print"); anything else is a mistake in the
 * pattern and throws at load.
 */
export function startKeys(start: string): number[] {
  let prefixes = [""];
  let rest = start;
  for (let n = 0; n < KEY_LENGTH && rest !== ""; n++) {
    let choices: string[];
    let length: number;
    if (rest.startsWith("[")) {
      const close = rest.indexOf("]", 1);
      const body = rest.slice(1, close);
      if (close < 0 || body.startsWith("^")) throw new Error(`start "${start}": unsupported class`);
      if (/\\s|^-| /.test(body)) break;
      if (body.includes("\\")) throw new Error(`start "${start}": escapes in a leading class are not supported`);
      choices = [...body];
      length = close + 1;
    } else if (rest.startsWith("\\")) {
      if (/^\\[sbW]/.test(rest)) break;
      if (/^\\[pPdDwS]/.test(rest)) throw new Error(`start "${start}": a class escape among its first characters`);
      choices = [rest.charAt(1)];
      length = 2;
    } else if ("()|.*+?{}^$".includes(rest.charAt(0))) {
      if (/^\(\?[=!]/.test(rest)) break;
      throw new Error(`start "${start}" must begin with ${KEY_LENGTH} literal characters or a whole word`);
    } else {
      choices = [rest.charAt(0)];
      length = 1;
    }
    if (choices.some((c) => !isWordPart(c.charCodeAt(0)))) break;
    rest = rest.slice(length);
    if (/^[*+?{]/.test(rest)) throw new Error(`start "${start}" has a quantifier among its first characters`);
    prefixes = prefixes.flatMap((p) => choices.map((c) => p + c));
  }
  for (const prefix of prefixes) {
    if (!isIndexedLetter(prefix.charCodeAt(0))) throw new Error(`start "${start}" must begin with a letter`);
  }
  return prefixes.map(keyOf);
}
