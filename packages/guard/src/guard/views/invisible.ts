import type { Span } from "../../core/signal.js";
import { charFlags, INVISIBLE } from "./char-class.js";
import { type Findings, quote, SCORES } from "./findings.js";
import { endOf, type Mapped, MappedBuilder, originalRange, startOf } from "./mapped.js";
import { isTag, readTagRun } from "./tag-smuggling.js";
import { appendUtf8, isUtf8Text, SCRATCH } from "./utf8.js";
import { readSelectorRun, selectorByte } from "./variation-selectors.js";

/** Any default-ignorable code point; tags and supplementary selectors sit behind U+DB40. */
const HIDDEN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: ranges of code points, combining marks among them on purpose
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]|[\udb40-\udb43][\udc00-\udfff]/g;

const MIN_HIDDEN_CHARS = 2;

/**
 * Removes what renders as nothing. Tag characters and runs of variation selectors are decoded in
 * place, since they carry text; the rest is dropped. Invisible characters are ordinary inside
 * emoji sequences and right-to-left or Indic text, so only those standing between ASCII
 * characters count as evidence.
 */
export function stripInvisible(src: Mapped, findings: Findings): Mapped {
  const text = src.text;
  HIDDEN.lastIndex = 0;
  let found = HIDDEN.exec(text);
  if (found === null) return src;
  const out = new MappedBuilder();
  const tally = new InvisibleTally();
  let copyFrom = 0;
  for (; found !== null; found = HIDDEN.exec(text)) {
    const i = found.index;
    out.copy(src, copyFrom, i);
    const cp = text.codePointAt(i) ?? 0;
    if (isTag(cp)) copyFrom = revealTags(src, i, out, findings, tally);
    else if (selectorByte(cp) >= 0) copyFrom = revealSelectors(src, i, out, findings, tally);
    else copyFrom = dropInvisible(src, i, tally);
    HIDDEN.lastIndex = copyFrom;
  }
  out.copy(src, copyFrom, text.length);
  tally.report(findings);
  return out.build();
}

function revealTags(src: Mapped, from: number, out: MappedBuilder, findings: Findings, tally: InvisibleTally) {
  const run = readTagRun(src.text, from);
  if (run.flag) return run.end;
  if (run.chars.length < MIN_HIDDEN_CHARS) {
    tally.add(src, from, run.end, run.tags, "tag");
    return run.end;
  }
  run.chars.forEach((char, k) => {
    const at = run.at[k] ?? from;
    out.push(char, startOf(src, at), endOf(src, at + 1));
  });
  const hidden = String.fromCharCode(...run.chars.slice(0, 64));
  findings.add(
    "obfuscation/unicode-tags",
    SCORES.smuggling,
    [originalRange(src, from, run.end)],
    `${run.tags} invisible Unicode tag characters hide the text ${quote(hidden)}`,
  );
  return run.end;
}

function revealSelectors(src: Mapped, from: number, out: MappedBuilder, findings: Findings, tally: InvisibleTally) {
  const run = readSelectorRun(src.text, from);
  const count = run.bytes.length;
  // One selector after a base character is how emoji and ideograph variants are written.
  if (count === 1) return run.end;
  SCRATCH.reset(count);
  for (let k = 0; k < count; k++) {
    const at = run.at[k] ?? from;
    SCRATCH.push(run.bytes[k] ?? 0, at, at + (run.size[k] ?? 1));
  }
  if (!isUtf8Text(SCRATCH, MIN_HIDDEN_CHARS)) {
    tally.add(src, from, run.end, count, "variation selector");
    return run.end;
  }
  const mark = out.length;
  appendUtf8(SCRATCH, src, out, true);
  const hidden = out.textOf(mark, mark + 64);
  findings.add(
    "obfuscation/variation-selector-smuggling",
    SCORES.smuggling,
    [originalRange(src, from, run.end)],
    `${count} variation selectors carry hidden bytes that spell ${quote(hidden)}`,
  );
  return run.end;
}

/** Drops a run of invisible characters other than tags and selectors; returns the index after it. */
function dropInvisible(src: Mapped, from: number, tally: InvisibleTally): number {
  const text = src.text;
  let end = from;
  let count = 0;
  let firstName = "";
  while (end < text.length) {
    const cp = text.codePointAt(end) ?? 0;
    if (!(charFlags(cp) & INVISIBLE) || isTag(cp) || selectorByte(cp) >= 0) break;
    if (count === 0) firstName = invisibleName(cp);
    count++;
    end += cp > 0xffff ? 2 : 1;
  }
  const byteOrderMark = from === 0 && text.charCodeAt(0) === 0xfeff;
  const before = from === 0 ? -1 : text.charCodeAt(from - 1);
  const after = end === text.length ? -1 : text.charCodeAt(end);
  if (before < 0x80 && after < 0x80 && !(byteOrderMark && count === 1)) {
    tally.add(src, from, end, count, firstName);
    if (isAsciiLetter(before) && isAsciiLetter(after)) tally.insideWords += count;
  }
  return end;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function invisibleName(cp: number): string {
  if (cp === 0x200b) return "zero-width space";
  if (cp === 0x200c) return "zero-width non-joiner";
  if (cp === 0x200d) return "zero-width joiner";
  if (cp === 0x2060) return "word joiner";
  if (cp === 0xad) return "soft hyphen";
  if (cp === 0xfeff) return "zero-width no-break space";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f)
    return "bidirectional control";
  return "invisible";
}

const FEW = 3;
const MAX_SPANS = 32;

class InvisibleTally {
  /** Those splitting a word ("ig\u200bnore"), the form that dodges keyword filters. */
  insideWords = 0;
  private count = 0;
  private readonly spans: Span[] = [];
  private readonly kinds = new Map<string, number>();

  add(src: Mapped, from: number, to: number, count: number, kind: string): void {
    this.count += count;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + count);
    if (this.spans.length < MAX_SPANS) this.spans.push(originalRange(src, from, to));
  }

  report(findings: Findings): void {
    if (this.count === 0) return;
    const score = this.insideWords >= FEW ? 0.5 : this.count >= FEW ? 0.4 : 0.3;
    const kinds = [...this.kinds]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ×${n}`)
      .join(", ");
    findings.add(
      "obfuscation/invisible",
      score,
      this.spans,
      `${this.count} invisible characters (${kinds}) inside ordinary text${this.insideWords > 0 ? `, ${this.insideWords} of them splitting words` : ""}`,
    );
  }
}
