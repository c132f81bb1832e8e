import { COMBINING, charFlags, UNSTABLE } from "./char-class.js";
import { type Findings, quote, SCORES } from "./findings.js";
import { type Mapped, MappedBuilder, originalRange } from "./mapped.js";

/** NFKC can turn one character into 18 ("ﷺ"); past this a character is kept as it is. */
const MAX_GROWTH = 6;
/** Text is checked in chunks of about this many units; a stable chunk is copied as one piece. */
const CHUNK = 256;
const STYLED_MIN = 4;
const MIN_STYLED_RUN = 3;

/**
 * NFKC with offsets. The text is cut into chunks, and chunks NFKC changes into clusters (a
 * starter and the marks that may combine with it), all of which normalise independently; only
 * the clusters NFKC changes are re-mapped, each output unit pointing at its cluster. Fullwidth, mathematical, circled and
 * other styled letters become ASCII here; four or more of them are reported.
 */
export function foldCompatibility(src: Mapped, findings: Findings): Mapped {
  const text = src.text;
  if (text.normalize("NFKC") === text) return src;
  const out = new MappedBuilder();
  const styled = new StyledTally();
  for (let from = 0; from < text.length; ) {
    const to = chunkEnd(text, from + CHUNK);
    const chunk = text.slice(from, to);
    if (chunk.normalize("NFKC") === chunk) out.copy(src, from, to);
    else foldClusters(src, from, to, out, styled);
    from = to;
  }
  styled.report(src, findings);
  return out.build();
}

/**
 * Where a chunk may end at or after `at`: before a character that never joins what precedes it,
 * so the chunks normalise independently and the engine can vouch for most of them at once.
 */
function chunkEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp < 0x80 || !(charFlags(cp) & COMBINING)) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return text.length;
}

function foldClusters(src: Mapped, from: number, to: number, out: MappedBuilder, styled: StyledTally): void {
  const text = src.text;
  let copyFrom = from;
  let lastStarter = from;
  let i = from;
  while (i < to) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      lastStarter = i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? unit;
    const flags = charFlags(cp);
    if (!(flags & (UNSTABLE | COMBINING))) {
      lastStarter = i;
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = flags & COMBINING ? Math.max(lastStarter, copyFrom) : i;
    let end = i + (cp > 0xffff ? 2 : 1);
    while (end < to) {
      const next = text.codePointAt(end) ?? 0;
      if (!(charFlags(next) & COMBINING)) break;
      end += next > 0xffff ? 2 : 1;
    }
    out.copy(src, copyFrom, start);
    emitCluster(src, start, end, out, styled);
    copyFrom = end;
    lastStarter = start;
    i = end;
  }
  out.copy(src, copyFrom, to);
}

function emitCluster(src: Mapped, start: number, end: number, out: MappedBuilder, styled: StyledTally): void {
  const cluster = src.text.slice(start, end);
  const normal = cluster.normalize("NFKC");
  if (normal === cluster || normal.length > MAX_GROWTH * cluster.length) {
    out.copy(src, start, end);
    return;
  }
  const range = originalRange(src, start, end);
  out.pushString(normal, range.start, range.end);
  const first = cluster.codePointAt(0) ?? 0;
  if (normal.length === 1 && first >= 0xc0 && isAsciiAlphanumeric(normal.charCodeAt(0))) {
    styled.add(start, end, normal);
  }
}

function isAsciiAlphanumeric(unit: number): boolean {
  const lower = unit | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (unit >= 0x30 && unit <= 0x39);
}

/**
 * Styled letters, grouped into runs (one other character may sit inside a run: the space in
 * "𝐈𝐠𝐧𝐨𝐫𝐞 𝐚𝐥𝐥"). Only runs of three or more count: a lone italic 𝑅 or 𝑚 is maths notation.
 */
class StyledTally {
  private readonly runs: { start: number; end: number; letters: string }[] = [];

  add(start: number, end: number, letter: string): void {
    const last = this.runs[this.runs.length - 1];
    if (last !== undefined && start - last.end <= 1) {
      last.letters += start > last.end ? ` ${letter}` : letter;
      last.end = end;
      return;
    }
    this.runs.push({ start, end, letters: letter });
  }

  report(src: Mapped, findings: Findings): void {
    const words = this.runs.filter((run) => run.letters.replaceAll(" ", "").length >= MIN_STYLED_RUN);
    const count = words.reduce((sum, run) => sum + run.letters.replaceAll(" ", "").length, 0);
    const first = words[0];
    if (first === undefined || count < STYLED_MIN) return;
    findings.add(
      "obfuscation/styled-letters",
      SCORES.styled,
      words.map((run) => originalRange(src, run.start, run.end)),
      `${count} letters written in styled Unicode (fullwidth, mathematical, circled…) read ${quote(first.letters)}`,
    );
  }
}
