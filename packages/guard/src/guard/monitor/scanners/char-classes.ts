import { charClass, isInvisible } from "./runs.js";

const ASCII_PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join("");

/** Spaces, quotes and brackets outside ASCII that end a word as surely as their ASCII cousins. */
function isWideBreak(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0xab ||
    code === 0xbb ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    (code >= 0x2018 && code <= 0x201f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    (code >= 0x3000 && code <= 0x3002) ||
    (code >= 0x3008 && code <= 0x3011) ||
    code === 0xff08 ||
    code === 0xff09 ||
    code === 0xff0c ||
    code === 0xff1a ||
    code === 0xff1b
  );
}

/**
 * A word as keys, tokens and addresses are written: no spaces, and none of the quotes, brackets
 * and list punctuation that surround a value in code, JSON or prose.
 */
export const TOKEN = charClass(ASCII_PRINTABLE.replace(/["'`<>()[\]{},;|\\]/g, ""), (code) => !isWideBreak(code));

/** Digits and what people print between them in card and phone numbers. */
export const NUMBER = charClass("0123456789 -.()+", (code) => code === 0xa0 || code === 0x202f || isInvisible(code));

/** Capitals, digits and spaces: an IBAN as printed. */
export const CAPITALS = charClass("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", isInvisible);
