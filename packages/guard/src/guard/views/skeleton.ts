import type { Span } from "../../core/signal.js";
import { COMBINING, charFlags, WORD } from "./char-class.js";
import { confusableKind, confusableScript, confusableTarget, KIND, MAY_FOLD } from "./confusables.js";
import { ENGLISH } from "./english-words.js";
import { type Findings, quote, SCORES } from "./findings.js";
import { endOf, type Mapped, MappedBuilder, originalRange, retext, startOf } from "./mapped.js";

const NON_ASCII = /[^\x00-\x7f]/g;
const KEEP = -2;
const DROP = -1;
const MAX_SPANS = 32;
/** Marks stacked on Latin letters beyond what any language writes ("Zalgo" text). */
const MANY_MARKS = 8;

/**
 * Lowercases and folds look-alikes to a Latin skeleton. A look-alike is folded only inside a word
 * that is otherwise Latin ("іgnоrе"), or a word made only of look-alikes in text that is mostly
 * Latin: a Russian or Greek word among its own kind is left as written, so multilingual text
 * keeps its meaning and is not reported. Accents on Latin letters are dropped, as are marks
 * left stacked on them after NFKC.
 */
export function skeleton(src: Mapped, findings: Findings): Mapped {
  const text = src.text;
  const lower = text.length === 0 ? text : text.replaceAll("\u0130", "I").toLowerCase();
  const lowered = lower === text ? src : retext(src, lower);
  if (!MAY_FOLD.test(text)) return lowered;
  const edits = new WordFolder(text).run(findings, src);
  return edits === null ? lowered : applyEdits(lowered, edits);
}

function applyEdits(lowered: Mapped, edits: Int32Array): Mapped {
  const out = new MappedBuilder();
  let copyFrom = 0;
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i] ?? KEEP;
    if (edit === KEEP) continue;
    out.copy(lowered, copyFrom, i);
    const size = (lowered.text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    if (edit !== DROP) out.push(edit, startOf(lowered, i), endOf(lowered, i + size - 1));
    copyFrom = i + size;
    i += size - 1;
  }
  out.copy(lowered, copyFrom, lowered.text.length);
  return out.build();
}

/** Walks words once, deciding per word which look-alikes to fold. */
class WordFolder {
  private edits: Int32Array | null = null;
  private wordStart = 0;
  private latin = 0;
  private other = 0;
  private readonly pending: number[] = [];
  private afterLatin = false;
  private totalOther = 0;
  private marks = 0;
  private firstMark = -1;
  private lastMark = -1;
  private styled = 0;
  private readonly styledSpans: Span[] = [];
  /**
   * Words made only of look-alikes that spell an English word ("ассеѕѕ"), decided once the whole
   * text's script balance is known. A real Russian word among English ones ("по", "сорок") spells
   * nothing known and is left alone.
   */
  private readonly deferred: { start: number; end: number; positions: number[]; script: string }[] = [];
  /** The first folded words (for spans and the reason), and how many there were in all. */
  private readonly folded: { start: number; end: number }[] = [];
  private foldedWords = 0;
  private wordScript = "";
  private firstScript = "";

  constructor(private readonly text: string) {}

  /** Only words with a non-ASCII character can hold a look-alike; ASCII-only words are skipped. */
  run(findings: Findings, src: Mapped): Int32Array | null {
    const text = this.text;
    NON_ASCII.lastIndex = 0;
    for (let found = NON_ASCII.exec(text); found !== null; found = NON_ASCII.exec(text)) {
      let i = found.index;
      while (i > 0 && isAsciiAlphanumeric(text.charCodeAt(i - 1))) i--;
      this.wordStart = i;
      let ended = false;
      while (i < text.length && !(ended && i > found.index)) {
        const cp = text.codePointAt(i) ?? 0;
        ended = this.step(cp, i);
        i += cp > 0xffff ? 2 : 1;
      }
      if (!ended) this.endWord(i);
      NON_ASCII.lastIndex = i;
    }
    if (this.deferred.length > 0 && asciiLetters(text) > 2 * this.totalOther) {
      for (const word of this.deferred) this.fold(word.positions, word.start, word.end, word.script);
    }
    this.report(findings, src);
    return this.edits;
  }

  /** Feeds one code point; true when it ended the word. */
  private step(cp: number, i: number): boolean {
    if (cp < 0x80) {
      const lower = cp | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) {
        this.latin++;
        this.afterLatin = true;
      } else if (cp < 0x30 || cp > 0x39) {
        this.endWord(i);
        return true;
      }
      return false;
    }
    const target = confusableTarget(cp);
    if (target !== 0) {
      const kind = confusableKind(cp);
      if (kind === KIND.homoglyph) {
        this.pending.push(i, target);
        this.afterLatin = false;
        if (this.wordScript === "") this.wordScript = confusableScript(cp);
        return false;
      }
      this.edit(i, target);
      this.latin++;
      this.afterLatin = true;
      if (kind === KIND.styled) this.countStyled(i);
      return false;
    }
    const flags = charFlags(cp);
    if (flags & COMBINING) {
      if (this.afterLatin) {
        this.edit(i, DROP);
        this.marks++;
        if (this.firstMark < 0) this.firstMark = i;
        this.lastMark = i;
      }
    } else if (flags & WORD) {
      this.other++;
      this.afterLatin = false;
    } else {
      this.endWord(i);
      return true;
    }
    return false;
  }

  private endWord(end: number): void {
    const homoglyphs = this.pending.length / 2;
    if (homoglyphs > 0 && this.other === 0) {
      if (this.latin > 0) this.fold(this.pending, this.wordStart, end, this.wordScript);
      else if (spellsEnglish(this.pending)) {
        this.deferred.push({ start: this.wordStart, end, positions: [...this.pending], script: this.wordScript });
      }
    }
    this.totalOther += this.other + (this.latin > 0 && this.other === 0 ? 0 : homoglyphs);
    this.pending.length = 0;
    this.wordScript = "";
    this.latin = 0;
    this.other = 0;
    this.afterLatin = false;
  }

  private fold(positions: readonly number[], start: number, end: number, script: string): void {
    for (let k = 0; k + 1 < positions.length; k += 2) this.edit(positions[k] ?? 0, positions[k + 1] ?? 0);
    if (this.firstScript === "") this.firstScript = script;
    if (this.folded.length < MAX_SPANS) this.folded.push({ start, end });
    this.foldedWords++;
  }

  private edit(i: number, value: number): void {
    if (this.edits === null) this.edits = new Int32Array(this.text.length).fill(KEEP);
    this.edits[i] = value;
  }

  private countStyled(i: number): void {
    this.styled++;
    if (this.styledSpans.length < MAX_SPANS) this.styledSpans.push({ start: i, end: i + 2 });
  }

  private report(findings: Findings, src: Mapped): void {
    const word = this.folded[0];
    if (word !== undefined) {
      const written = this.text.slice(word.start, word.end);
      const reads = this.readAs(word.start, word.end);
      const others = this.foldedWords > 1 ? ` (and ${this.foldedWords - 1} more words)` : "";
      findings.add(
        "obfuscation/homoglyphs",
        SCORES.homoglyphs,
        this.folded.map((w) => originalRange(src, w.start, w.end)),
        `${this.firstScript} look-alike letters mixed into Latin words: ${quote(written)} reads ${quote(reads)}${others}`,
      );
    }
    if (this.styled >= 4) {
      findings.add(
        "obfuscation/styled-letters",
        SCORES.styled,
        this.styledSpans.map((s) => originalRange(src, s.start, s.end)),
        `${this.styled} letters written as negative circled or squared symbols`,
      );
    }
    if (this.marks >= MANY_MARKS) {
      findings.add(
        "obfuscation/combining-marks",
        SCORES.combiningMarks,
        [originalRange(src, this.firstMark, this.lastMark + 1)],
        `${this.marks} combining marks stacked on Latin letters (Zalgo text)`,
      );
    }
  }

  private readAs(start: number, end: number): string {
    const units: number[] = [];
    for (let i = start; i < end && units.length < 64; i++) {
      const edit = this.edits?.[i] ?? KEEP;
      if (edit === KEEP) {
        units.push(this.text.charCodeAt(i));
        continue;
      }
      if (edit !== DROP) units.push(edit);
      if ((this.text.codePointAt(i) ?? 0) > 0xffff) i++;
    }
    return String.fromCharCode(...units).toLowerCase();
  }
}

function isAsciiAlphanumeric(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

function asciiLetters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const lower = text.charCodeAt(i) | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) count++;
  }
  return count;
}

const MIN_LOOKALIKE_WORD = 3;

/** Whether the targets of (position, target) pairs spell a known English word. */
function spellsEnglish(pending: readonly number[]): boolean {
  if (pending.length / 2 < MIN_LOOKALIKE_WORD) return false;
  let hash = 0;
  for (let k = 1; k < pending.length; k += 2) hash = (hash * 31 + (pending[k] ?? 0)) | 0;
  return ENGLISH.has(hash);
}
