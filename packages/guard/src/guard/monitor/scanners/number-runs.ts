import { cardNumber, isCardGrouping } from "./card-numbers.js";

/** What a number run holds: a card number or a phone number, by offsets in the run. */
export interface NumberFinding {
  readonly kind: "card" | "phone" | "toll-free";
  readonly start: number;
  readonly end: number;
  /** The card network, for a card. */
  readonly brand?: string;
}

/** A card number is at most five printed groups (4-4-4-4-3). */
const MAX_CARD_GROUPS = 5;

/** Phone numbers as people print them, anchored where a digit group (or the `+`/`(` before it) starts. */
const PHONE_FORMATS: readonly { readonly pattern: RegExp; readonly digits: readonly [number, number] }[] = [
  // International: +44 20 7946 0958, +1 (415) 555-2671, +33 1 23 45 67 89, +14155552671.
  { pattern: /\+\d{1,3}(?:[ .\-\u00a0]?(?:\(\d{1,4}\)|\d{1,5})){1,6}/y, digits: [8, 15] },
  // North American: (415) 555-2671, 415-555-2671, 415.555.2671, 1-415-555-2671.
  { pattern: /(?:1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}/y, digits: [10, 11] },
  // National with a trunk 0, one separator throughout: 020 7946 0958, 01 23 45 67 89, 030-1234567.
  { pattern: /0\d{1,4}([ .\-\u00a0])\d{2,8}(?:\1\d{2,8}){0,3}/y, digits: [10, 11] },
];

const DIGIT_GROUP = /\d+/g;

/** North American toll-free area codes, with or without the country code. */
const TOLL_FREE = /^1?8(?:00|33|44|55|66|77|88)\d{7}$/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A digit continues the number after `end`, directly or past one separator: the match stopped short. */
function continuesAfter(run: string, end: number): boolean {
  const next = run.charCodeAt(end);
  if (isDigit(next)) return true;
  return (next === 46 || next === 45) && isDigit(run.charCodeAt(end + 1));
}

/** A decimal point or digit joins the number before `start`: it is the tail of a longer number. */
function continuesBefore(run: string, start: number): boolean {
  const previous = run.charCodeAt(start - 1);
  if (isDigit(previous)) return true;
  return previous === 46 && isDigit(run.charCodeAt(start - 2));
}

/**
 * Card and phone numbers in a run of digits and separators, read group by group: a card is the
 * longest series of groups from here that is joined by one separator, grouped like a card and
 * passes the network and Luhn checks; otherwise a phone format may match from here.
 */
export function numberFindings(run: string): NumberFinding[] {
  const groups: { start: number; end: number }[] = [];
  DIGIT_GROUP.lastIndex = 0;
  for (let m = DIGIT_GROUP.exec(run); m !== null; m = DIGIT_GROUP.exec(run)) {
    groups.push({ start: m.index, end: m.index + m[0].length });
  }
  const found: NumberFinding[] = [];
  let covered = 0;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    if (group.start < covered) continue;
    const card = cardAt(run, groups, g);
    if (card !== undefined) {
      found.push(card);
      covered = card.end;
      continue;
    }
    const phone = phoneAt(run, group.start, covered);
    if (phone !== undefined) {
      found.push(phone);
      covered = phone.end;
    }
  }
  return found;
}

function cardAt(run: string, groups: readonly { start: number; end: number }[], g: number): NumberFinding | undefined {
  const first = groups[g]!;
  if (continuesBefore(run, first.start)) return undefined;
  const separator = run[first.end];
  const joins = separator === " " || separator === "-" || separator === "\u00a0";
  let best: NumberFinding | undefined;
  let digits = "";
  const sizes: number[] = [];
  for (let h = g; h < groups.length && h < g + MAX_CARD_GROUPS; h++) {
    const group = groups[h]!;
    if (h > g && !(joins && group.start === groups[h - 1]!.end + 1 && run[group.start - 1] === separator)) break;
    digits += run.slice(group.start, group.end);
    sizes.push(group.end - group.start);
    if (digits.length > 19) break;
    // "4111111111111111.50" is an amount, not a card.
    if (run.charCodeAt(group.end) === 46 && isDigit(run.charCodeAt(group.end + 1))) continue;
    const brand = digits.length >= 13 && isCardGrouping(sizes) ? cardNumber(digits) : undefined;
    if (brand !== undefined) best = { kind: "card", start: first.start, end: group.end, brand };
  }
  return best;
}

function phoneAt(run: string, groupStart: number, covered: number): NumberFinding | undefined {
  const opener = run.charCodeAt(groupStart - 1);
  const opened = (opener === 43 || opener === 40) && groupStart - 1 >= covered;
  const start = opened ? groupStart - 1 : groupStart;
  if (continuesBefore(run, start)) return undefined;
  // "0044 0532 0130 00": a phone number does not start in the middle of a longer printed number.
  if (!opened && isDigit(run.charCodeAt(start - 2)) && start - 1 >= covered) return undefined;
  for (const { pattern, digits } of PHONE_FORMATS) {
    pattern.lastIndex = start;
    const m = pattern.exec(run);
    if (m === null) continue;
    const end = start + m[0].length;
    if (continuesAfter(run, end)) continue;
    const number = m[0].replace(/\D/g, "");
    if (number.length < digits[0] || number.length > digits[1]) continue;
    // A toll-free number belongs to a business; it stays a finding so no shorter number is read inside it.
    return TOLL_FREE.test(number) ? { kind: "toll-free", start, end } : { kind: "phone", start, end };
  }
  return undefined;
}
