/**
 * Unicode tag characters (U+E0000–U+E007F) mirror ASCII but render as nothing, so text written
 * in them reaches the model while a human sees nothing: the "ASCII smuggling" technique.
 * Their one legitimate use is the emoji subdivision flags (🏴 + tag letters + CANCEL TAG).
 */

const TAG_FIRST = 0xe0000;
const TAG_LAST = 0xe007f;
const CANCEL_TAG = 0xe007f;
const BLACK_FLAG = 0x1f3f4;

export function isTag(cp: number): boolean {
  return cp >= TAG_FIRST && cp <= TAG_LAST;
}

export interface TagRun {
  /** Index after the run's last code unit. */
  readonly end: number;
  readonly tags: number;
  /** The ASCII the printable tags spell, and the code-unit index of each tag. */
  readonly chars: number[];
  readonly at: number[];
  /** A subdivision flag such as England's, not a hidden message. */
  readonly flag: boolean;
}

/** Reads the run of tag characters starting at code-unit index `from`. */
export function readTagRun(text: string, from: number): TagRun {
  const chars: number[] = [];
  const at: number[] = [];
  let i = from;
  let tags = 0;
  let flagShaped = text.codePointAt(from - 2) === BLACK_FLAG;
  let cancelled = false;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    if (!isTag(cp)) break;
    tags++;
    if (cancelled) flagShaped = false;
    const ascii = cp - TAG_FIRST;
    if (cp === CANCEL_TAG) cancelled = true;
    else if (!isFlagLetter(ascii)) flagShaped = false;
    if (ascii >= 0x20 && ascii <= 0x7e) {
      chars.push(ascii);
      at.push(i);
    }
    i += 2;
  }
  return { end: i, tags, chars, at, flag: flagShaped && cancelled && tags <= 8 };
}

function isFlagLetter(ascii: number): boolean {
  return (ascii >= 0x61 && ascii <= 0x7a) || (ascii >= 0x30 && ascii <= 0x39);
}
