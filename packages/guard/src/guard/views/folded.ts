import type { Findings } from "./findings.js";
import { foldLeet, leetWords } from "./leetspeak.js";
import { endOf, type Mapped, MappedBuilder } from "./mapped.js";
import type { Features } from "./scan.js";
import { findSpacedRuns, joinSpacedRuns, type SpacedRun } from "./spaced-letters.js";

/** Text kept each side of a leet word or spaced run, so a phrase around it is read whole. */
export const FOLD_CONTEXT = 256;
/** Windows with less than this between them are one window. */
const MERGE_GAP = FOLD_CONTEXT;
/** Windows covering more than this share of the text: the whole text is folded instead. */
const WHOLE_SHARE = 0.5;
/** Stands between windows; maps to a zero-width point of the original, where the window before ends. */
export const WINDOW_SEPARATOR = "\n\n";

/**
 * The canonical view with spaced-out letters joined and leetspeak read as letters, or null when
 * the scan saw neither: ordinary numbers in ordinary text never reach this. Only windows around
 * what folding changes are kept (a long text with one leet word is not scanned twice over); a
 * text that is mostly leetspeak is folded whole.
 */
export function foldedView(canonical: Mapped, features: Features, findings: Findings): Mapped | null {
  const text = canonical.text;
  const runs = features.spaced ? findSpacedRuns(text) : [];
  const words = features.leet ? leetWords(text) : [];
  if (runs.length === 0 && words.length === 0) return null;
  const windows = foldWindows(text, runs, words);
  let folded = canonical;
  let shifted: readonly SpacedRun[] = runs;
  if (windows[0] !== 0 || windows[1] !== text.length) {
    const out = new MappedBuilder();
    const offsets: number[] = [];
    for (let w = 0; w < windows.length; w += 2) {
      const from = windows[w] ?? 0;
      const to = windows[w + 1] ?? from;
      if (w > 0) {
        const point = endOf(canonical, (windows[w - 1] ?? 1) - 1);
        out.pushString(WINDOW_SEPARATOR, point, point);
      }
      offsets.push(out.length - from);
      out.copy(canonical, from, to);
    }
    folded = out.build();
    shifted = shiftRuns(runs, windows, offsets);
  }
  if (shifted.length > 0) folded = joinSpacedRuns(folded, shifted, findings);
  if (features.leet) folded = foldLeet(folded, findings);
  return folded === canonical ? null : folded;
}

/**
 * [from, to) pairs of the canonical text to fold: each spaced run and leet word with
 * FOLD_CONTEXT either side, widened to whitespace so no word is cut, merged when close; the
 * whole text as one window when they would cover most of it.
 */
export function foldWindows(text: string, runs: readonly SpacedRun[], words: readonly number[]): number[] {
  const n = text.length;
  const triggers: number[] = [...words];
  for (const run of runs) triggers.push(run.at[0] ?? 0, (run.at[run.at.length - 1] ?? 0) + 1);
  const order = Array.from({ length: triggers.length / 2 }, (_, k) => k);
  if (runs.length > 0) order.sort((a, b) => (triggers[2 * a] ?? 0) - (triggers[2 * b] ?? 0));
  const windows: number[] = [];
  let covered = 0;
  for (const k of order) {
    let from = Math.max(0, (triggers[2 * k] ?? 0) - FOLD_CONTEXT);
    let to = Math.min(n, (triggers[2 * k + 1] ?? 0) + FOLD_CONTEXT);
    while (from > 0 && text.charCodeAt(from - 1) > 0x20) from--;
    while (to < n && text.charCodeAt(to) > 0x20) to++;
    const last = windows.length - 1;
    if (last > 0 && from <= (windows[last] ?? 0) + MERGE_GAP) {
      if (to > (windows[last] ?? 0)) {
        covered += to - (windows[last] ?? 0);
        windows[last] = to;
      }
    } else {
      windows.push(from, to);
      covered += to - from;
    }
  }
  return covered > n * WHOLE_SHARE ? [0, n] : windows;
}

/** The runs with their positions moved into the windowed text (every run lies inside a window). */
function shiftRuns(runs: readonly SpacedRun[], windows: readonly number[], offsets: readonly number[]): SpacedRun[] {
  let w = 0;
  return runs.map((run) => {
    const first = run.at[0] ?? 0;
    while (w + 2 < windows.length && (windows[w + 1] ?? 0) <= first) w += 2;
    const offset = offsets[w / 2] ?? 0;
    return { ...run, at: run.at.map((k) => k + offset) };
  });
}
