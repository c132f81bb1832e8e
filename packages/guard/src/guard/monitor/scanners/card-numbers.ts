import { passesLuhn } from "./luhn.js";

interface Brand {
  readonly name: string;
  /** Issuer identification number ranges, compared on the number's first `low.length` digits. */
  readonly ranges: readonly (readonly [string, string])[];
  readonly lengths: readonly number[];
}

/** The major networks' IIN ranges and lengths (ISO/IEC 7812 as the networks publish them). */
const BRANDS: readonly Brand[] = [
  { name: "Visa", ranges: [["4", "4"]], lengths: [13, 16, 19] },
  {
    name: "Mastercard",
    ranges: [
      ["51", "55"],
      ["2221", "2720"],
    ],
    lengths: [16],
  },
  {
    name: "American Express",
    ranges: [
      ["34", "34"],
      ["37", "37"],
    ],
    lengths: [15],
  },
  {
    name: "Discover",
    ranges: [
      ["6011", "6011"],
      ["644", "649"],
      ["65", "65"],
    ],
    lengths: [16, 17, 18, 19],
  },
  { name: "JCB", ranges: [["3528", "3589"]], lengths: [16, 17, 18, 19] },
  {
    name: "Diners Club",
    ranges: [
      ["300", "305"],
      ["36", "36"],
      ["38", "39"],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
  },
  { name: "UnionPay", ranges: [["62", "62"]], lengths: [16, 17, 18, 19] },
];

/** The network a card number belongs to, or undefined when no network issues numbers like it. */
export function cardBrand(digits: string): string | undefined {
  for (const brand of BRANDS) {
    if (!brand.lengths.includes(digits.length)) continue;
    for (const [low, high] of brand.ranges) {
      const head = digits.slice(0, low.length);
      if (head >= low && head <= high) return brand.name;
    }
  }
  return undefined;
}

/**
 * How printed card numbers are grouped: fours (the last group shorter for 13- and 19-digit
 * numbers), or 4-6-5 and 4-6-4 for American Express and Diners Club.
 */
export function isCardGrouping(groups: readonly number[]): boolean {
  if (groups.length === 1) return true;
  if (groups.length === 3 && groups[0] === 4 && groups[1] === 6 && (groups[2] === 5 || groups[2] === 4)) return true;
  const last = groups.length - 1;
  return groups.every((size, i) => (i < last ? size === 4 : size >= 1 && size <= 4));
}

/** The brand of a complete card number: a known network, a valid length and the Luhn check. */
export function cardNumber(digits: string): string | undefined {
  if (digits.length < 13 || digits.length > 19) return undefined;
  const brand = cardBrand(digits);
  return brand !== undefined && passesLuhn(digits) ? brand : undefined;
}
