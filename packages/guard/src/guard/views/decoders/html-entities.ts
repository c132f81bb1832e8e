import type { Span } from "../../../core/signal.js";
import { isAsciiAlphanumeric } from "../char-class.js";
import { type Mapped, type MappedBuilder, originalRange } from "../mapped.js";
import { defineDecoder } from "./decoder.js";
import { type Stretches, windows } from "./windows.js";

/** The named entities prompts carry (markup pasted from the web); numeric ones cover the rest. */
const NAMED: Readonly<Record<string, number>> = {
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  quot: 0x22,
  apos: 0x27,
  nbsp: 0xa0,
  shy: 0xad,
  copy: 0xa9,
  reg: 0xae,
  trade: 0x2122,
  hellip: 0x2026,
  mdash: 0x2014,
  ndash: 0x2013,
  lsquo: 0x2018,
  rsquo: 0x2019,
  ldquo: 0x201c,
  rdquo: 0x201d,
  laquo: 0xab,
  raquo: 0xbb,
  bull: 0x2022,
  middot: 0xb7,
  deg: 0xb0,
  times: 0xd7,
  divide: 0xf7,
  euro: 0x20ac,
  pound: 0xa3,
  cent: 0xa2,
  yen: 0xa5,
  sect: 0xa7,
  para: 0xb6,
  zwj: 0x200d,
  zwnj: 0x200c,
  lrm: 0x200e,
  rlm: 0x200f,
};

const MIN_ENTITIES = 3;
const EVIDENCE_ALPHANUMERIC = 2;
const LONGEST_ENTITY = 12;

interface Entity {
  readonly end: number;
  readonly cp: number;
}

/** The entity starting at `i` (an "&"), or null. */
function entityAt(text: string, i: number): Entity | null {
  const semicolon = text.indexOf(";", i + 2);
  if (semicolon < 0 || semicolon - i > LONGEST_ENTITY) return null;
  const body = text.slice(i + 1, semicolon);
  let cp: number | undefined;
  if (body.charCodeAt(0) === 0x23) {
    const hex = (body.charCodeAt(1) | 0x20) === 0x78;
    const digits = body.slice(hex ? 2 : 1);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
    cp = Number.parseInt(digits, hex ? 16 : 10);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) return null;
  } else {
    cp = Object.hasOwn(NAMED, body) ? NAMED[body] : undefined;
  }
  return cp === undefined ? null : { end: semicolon + 1, cp };
}

/**
 * HTML character references, decoded in place within windows of context (see windows.ts). Markup
 * escapes "<", ">" and quotes but never letters, so letters written as "&#105;" are evidence; a
 * few escapes alone only make a view.
 */
export const htmlEntities = defineDecoder({
  name: "html",
  detector: "obfuscation/html-entities",
  description: "HTML character references (&#105;, &#x69;, &lt;), decoded in place.",
  wanted: (features) => features.ampersands >= 1,
  decode(clean, out) {
    const text = clean.text;
    const hits: [number, number][] = [];
    let alphanumeric = 0;
    for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) {
      const entity = entityAt(text, i);
      if (entity === null) continue;
      if (isAsciiAlphanumeric(entity.cp)) alphanumeric++;
      hits.push([i, entity.end]);
      i = entity.end - 1;
    }
    if (hits.length < MIN_ENTITIES && alphanumeric === 0) return;
    const evidence = alphanumeric >= EVIDENCE_ALPHANUMERIC;
    for (const [from, to] of windows(text, hits)) {
      const { spans, sources } = decodeInPlace(clean, from, to, out.begin("html"));
      const describe = "HTML character references decode to";
      out.commit({ spans, evidence, describe, sources });
    }
  },
});

function decodeInPlace(clean: Mapped, from: number, to: number, out: MappedBuilder): Stretches {
  const text = clean.text;
  const spans: Span[] = [];
  const sources: string[] = [];
  let copyFrom = from;
  for (let i = text.indexOf("&", from); i >= 0 && i < to; i = text.indexOf("&", i + 1)) {
    const entity = entityAt(text, i);
    if (entity === null || entity.end > to) continue;
    out.copy(clean, copyFrom, i);
    const range = originalRange(clean, i, entity.end);
    out.pushString(String.fromCodePoint(entity.cp), range.start, range.end);
    spans.push(range);
    sources.push(text.slice(i, entity.end));
    copyFrom = entity.end;
    i = entity.end - 1;
  }
  out.copy(clean, copyFrom, to);
  return { spans, sources };
}
