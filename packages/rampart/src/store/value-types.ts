import type { ParserOptions } from "@electric-sql/pglite";
import { RampartError } from "@rampart/guard";
import pg from "pg";

const INT8 = 20;
const DATE = 1082;
const INT8_ARRAY = 1016;
const DATE_ARRAY = 1182;
const TEXT_ARRAY = 1009;
// pg alone parses these into objects or floats (numeric[] losing precision); PGlite keeps the text.
const KEPT_AS_TEXT = [600, 718, 1186]; // point, circle, interval
const KEPT_AS_TEXT_ARRAY = [1017, 1187, 1231]; // point[], interval[], numeric[]

/** An int8 as a JS number, refused rather than rounded past 2^53 (PGlite would give a bigint, pg a string). */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RampartError(
      "STORE_FAILED",
      `The database returned the integer ${text}, beyond JavaScript's safe range (±${Number.MAX_SAFE_INTEGER}); select it as text (::text) to read it exactly.`,
    );
  }
  return value;
}

// A date is a calendar day, not an instant: as a Date, pg would place it at local midnight and PGlite
// at UTC midnight, so both backends give the text instead.
const keepText = (text: string): string => text;

/** PGlite parsers; PGlite parses array elements with the element's parser, so int8[] and date[] follow. */
export const PGLITE_PARSERS: ParserOptions = { [INT8]: parseInt8, [DATE]: keepText };

type Nested<T> = T | null | Nested<T>[];

// pg-types declares only the scalar oids; its parsers cover the array ones too.
const builtinParser = pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => (text: string) => unknown;
const parseTextArray = builtinParser(TEXT_ARRAY) as (text: string) => Nested<string>[];

function mapNested<T, U>(value: Nested<T>, map: (item: T) => U): Nested<U> {
  if (value === null) return null;
  return Array.isArray(value) ? value.map((item) => mapNested(item, map)) : map(value);
}

const TEXT_PARSERS: ReadonlyMap<number, (text: string) => unknown> = new Map<number, (text: string) => unknown>([
  [INT8, parseInt8],
  [DATE, keepText],
  [INT8_ARRAY, (text) => parseTextArray(text).map((item) => mapNested(item, parseInt8))],
  [DATE_ARRAY, parseTextArray],
  ...KEPT_AS_TEXT.map((oid) => [oid, keepText] as const),
  ...KEPT_AS_TEXT_ARRAY.map((oid) => [oid, parseTextArray] as const),
]);

/** node-postgres parsers for one pool, matching PGLITE_PARSERS; the global pg.types stays untouched. */
export const POSTGRES_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    (format !== "binary" && TEXT_PARSERS.get(oid)) ||
    builtinParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};
