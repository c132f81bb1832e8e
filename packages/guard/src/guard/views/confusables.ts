/**
 * Characters that read as a Latin letter, with the lowercase ASCII letter they read as. A curated
 * subset of Unicode's confusables (UTS #39) covering what evasion tools actually use; NFKC has
 * already folded fullwidth, mathematical and circled letters before this table is consulted.
 */

export const KIND = {
  /** An accented or stroked Latin letter: folded, never evidence. */
  accent: 1,
  /** A letter of another script (or an exotic Latin form) that imitates a Latin one. */
  homoglyph: 2,
  /** A styled letter NFKC leaves alone (negative circled and squared letters). */
  styled: 3,
} as const;
export type Kind = (typeof KIND)[keyof typeof KIND];

export const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian", "Cherokee", "IPA and small-capital"] as const;

/** Pairs of (look-alike, Latin letter); an entry for an uppercase form also covers its lowercase. */
const HOMOGLYPHS: readonly (readonly [script: number, pairs: string])[] = [
  [1, "аaвbеeёeіiїiјjкkмmоoрpсcтtуyхxѕsԁdԛqԝwһhӏlпnгr"],
  [1, "АaВbЕeЁeІiЇiЈjКkМmНhОoРpСcТtУyХxЅsԚqԜwҺhӀi"],
  [2, "αaβbεeηnιiκkνvοoρpτtυuχxωwϲcϳj"],
  [2, "ΑaΒbΕeΗhΙiΚkΜmΝnΟoΡpΤtΥyΧxΖzϹcϒy"],
  [3, "օoսuհhոnզqցg"],
  [4, "ᎪaᏴbᏟcᎠdᎬeᏀgᎻhᎥiᎫjᏦkᏞlᎷmᏢpᏒrᏚsᎢtᏙvᎳwᏃz"],
  [5, "ɑaɡgɩiɪiʏyʀrɴnʜhʟlʙbɢgᴀaᴄcᴅdᴇeᴊjᴋkᴍmᴏoᴘpᴛtᴜuᴠvᴡwᴢzꜱsȷjʋv"],
];

/** Used as ordinary letters in Greek-letter units (μm, μg): never treated as a look-alike. */
const NOT_CONFUSABLE = new Set([0x3bc]);

/** Latin letters without a canonical decomposition that still read as a plain one. */
const STROKED = "ıiİiøoØołlŁlđdĐdħhĦhŧtŦtƀbɨi";

/** Only the BMP needs a dense table; the styled letters above it are two contiguous ranges. */
const targets = new Uint8Array(0x10000);
const kinds = new Uint8Array(0x10000);
const scripts = new Uint8Array(0x10000);

function set(cp: number, target: string, kind: Kind, script: number): void {
  if (cp > 0xffff || targets[cp] !== 0 || NOT_CONFUSABLE.has(cp)) return;
  targets[cp] = target.charCodeAt(0);
  kinds[cp] = kind;
  scripts[cp] = script;
}

for (const [script, pairs] of HOMOGLYPHS) {
  const chars = Array.from(pairs);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const from = chars[i] ?? "";
    const to = chars[i + 1] ?? "";
    set(from.codePointAt(0) ?? 0, to, KIND.homoglyph, script);
    set(from.toLowerCase().codePointAt(0) ?? 0, to, KIND.homoglyph, script);
  }
}
for (let i = 0; i + 1 < STROKED.length; i += 2) {
  set(STROKED.charCodeAt(i), STROKED.charAt(i + 1), KIND.accent, 0);
}
for (const [low, high] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
] as const) {
  for (let cp = low; cp <= high; cp++) {
    const base = String.fromCharCode(cp).normalize("NFD").charAt(0);
    if (/^[A-Za-z]$/.test(base)) set(cp, base.toLowerCase(), KIND.accent, 0);
  }
}

/** Negative circled 🅐–🅩 (U+1F150) and negative squared 🅰–🆉 (U+1F170) letters. */
function styledTarget(cp: number): number {
  if (cp >= 0x1f150 && cp <= 0x1f169) return 0x61 + cp - 0x1f150;
  if (cp >= 0x1f170 && cp <= 0x1f189) return 0x61 + cp - 0x1f170;
  return 0;
}

/** The ASCII letter code `cp` reads as, or 0. Kind and script via {@link confusableKind}. */
export function confusableTarget(cp: number): number {
  return cp <= 0xffff ? (targets[cp] ?? 0) : styledTarget(cp);
}

export function confusableKind(cp: number): Kind {
  return cp <= 0xffff ? ((kinds[cp] ?? 0) as Kind) : KIND.styled;
}

export function confusableScript(cp: number): (typeof SCRIPTS)[number] {
  return SCRIPTS[cp <= 0xffff ? (scripts[cp] ?? 0) : 0] ?? "Latin";
}

/** Quick rejection: text with none of these blocks has nothing to fold. */
export const MAY_FOLD =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: ranges of code points, combining marks among them on purpose
  /[\u00c0-\u02af\u0300-\u036f\u0370-\u058f\u13a0-\u13ff\u1ab0-\u1aff\u1d00-\u1d7f\u1dc0-\u1eff\u20d0-\u20ff\ua730-\ua7ff\uab70-\uabbf\ufe20-\ufe2f]|\ud83c[\udd50-\udd89]/;
