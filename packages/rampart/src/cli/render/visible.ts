/**
 * Makes invisible characters visible, so an explanation shows what the guard saw: Unicode tag
 * characters (ASCII smuggled in plane 14) become `⟨tags:decoded⟩`, other control and format
 * characters `⟨U+200B⟩`. Newlines and tabs stay as they are.
 */
export function visible(text: string): string {
  return text.replace(HIDDEN, (run) => {
    if (TAG_RUN.test(run)) {
      let decoded = "";
      for (const char of run) {
        const code = char.codePointAt(0)! - 0xe0000;
        decoded += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : "";
      }
      return `⟨tags:${decoded}⟩`;
    }
    let out = "";
    for (const char of run) out += `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;
    return out;
  });
}

const HIDDEN = /[\u{E0000}-\u{E007F}]+|[\u{E0100}-\u{E01EF}]|(?![\n\t])[\p{Cc}\p{Cf}]/gu;
const TAG_RUN = /^[\u{E0000}-\u{E007F}]+$/u;
