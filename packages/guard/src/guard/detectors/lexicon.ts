/**
 * Building blocks for the detectors' patterns. Views are lower-cased, so every pattern here is
 * lower-case; boundaries are written as lookarounds on letters because `\b` only knows ASCII.
 */

/** Start of a word in any script (needs the `u` flag). */
export const WB = "(?<![\\p{L}\\p{N}_])";
/** End of a word in any script (needs the `u` flag). */
export const WE = "(?![\\p{L}\\p{N}_])";

/**
 * Latin letters a canonicaliser may fold Cyrillic ones to when it builds a confusable skeleton. A
 * Cyrillic pattern passed through `cyrillic()` matches the text whether or not it was folded.
 */
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  і: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  п: "n",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
};

export function cyrillic(source: string): string {
  let out = "";
  for (const ch of source) {
    const latin = CYRILLIC_LOOKALIKES[ch];
    out += latin === undefined ? ch : `[${ch}${latin}]`;
  }
  return out;
}

/** `words` joined as an alternation, longest first so the longest alternative wins. */
export function anyOf(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).join("|")})`;
}

/**
 * A space-separated word list, for long vocabularies that read better as prose; `_` inside an
 * entry stands for any run of whitespace ("pay_no_attention_to").
 */
export function words(list: string): string[] {
  return list
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/_/g, "\\s+"));
}

const LETTER_BASES: Readonly<Record<string, string>> = { ł: "l", đ: "d", ı: "i", ø: "o", ħ: "h", ŀ: "l" };

/** The unaccented letter an accented Latin letter folds to ("é" → "e"), or undefined. */
function baseLetter(ch: string): string | undefined {
  const code = ch.charCodeAt(0);
  if (code < 0xc0 || (code > 0x24f && (code < 0x1e00 || code > 0x1eff))) return undefined;
  const base = LETTER_BASES[ch] ?? ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return /^[a-z]$/.test(base) && base !== ch ? base : undefined;
}

/**
 * Makes a pattern match with or without accents on Latin letters ("précédentes" also matches
 * "precedentes"): the canonical view drops them, while a view that keeps them (or a canonicaliser
 * that stops dropping them) still matches.
 */
export function accentInsensitive(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === "\\") {
      out += ch + source.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    const base = baseLetter(ch);
    if (base === undefined) out += ch;
    else out += inClass ? ch + base : `[${ch}${base}]`;
  }
  return out;
}
