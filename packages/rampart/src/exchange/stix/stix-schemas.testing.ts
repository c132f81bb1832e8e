import { readFileSync } from "node:fs";
import { Ajv2020, type SchemaObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import type { StixBundle, StixObject } from "./types.js";

/** The `$id` prefix of every vendored schema; their relative `$ref`s resolve against it. */
export const OASIS_BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/**
 * Every vendored file, listed rather than globbed: a file deleted by mistake then fails the read,
 * instead of silently shrinking what the tests check.
 */
export const VENDORED_SCHEMAS = [
  "common/binary.json",
  "common/core.json",
  "common/dictionary.json",
  "common/extension-definition.json",
  "common/extension.json",
  "common/external-reference.json",
  "common/granular-marking.json",
  "common/hashes-type.json",
  "common/hex.json",
  "common/identifier.json",
  "common/kill-chain-phase.json",
  "common/marking-definition.json",
  "common/properties.json",
  "common/timestamp.json",
  "common/url-regex.json",
  "sdos/attack-pattern.json",
  "sdos/identity.json",
  "sdos/indicator.json",
  "sdos/report.json",
  "sros/relationship.json",
  "sros/sighting.json",
] as const;

/** Which schema each emitted object type is checked against. */
export const SCHEMA_OF_TYPE: Readonly<Record<StixObject["type"], (typeof VENDORED_SCHEMAS)[number]>> = {
  "marking-definition": "common/marking-definition.json",
  identity: "sdos/identity.json",
  "attack-pattern": "sdos/attack-pattern.json",
  indicator: "sdos/indicator.json",
  relationship: "sros/relationship.json",
  report: "sdos/report.json",
  sighting: "sros/sighting.json",
};

/** Reads a vendored schema; binary.json is stored upstream with a UTF-8 byte-order mark, which JSON.parse rejects. */
export function readVendored(file: string): SchemaObject {
  const text = readFileSync(new URL(`./oasis-schemas/${file}`, import.meta.url), "utf8");
  return JSON.parse(text.replace(/^\uFEFF/, "")) as SchemaObject;
}

/** An Ajv (draft 2020-12) holding every vendored schema under its own `$id`. */
export function oasisAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // The OASIS patterns use escapes such as `\-` outside a character class, which are syntax errors
    // in the `u` mode Ajv uses by default; upstream validators compile them without it too.
    unicodeRegExp: false,
    // Upstream writes `pattern` next to `$ref` without repeating `"type": "string"`; that is valid
    // JSON Schema, and the warnings would only be noise.
    strictTypes: false,
  });
  addFormats.default(ajv);
  for (const file of VENDORED_SCHEMAS) {
    const schema = readVendored(file);
    if (schema.$id !== `${OASIS_BASE}${file}`) throw new Error(`${file}: unexpected $id ${String(schema.$id)}`);
    ajv.addSchema(schema);
  }
  return ajv;
}

/** The compiled validator for a vendored schema; throws rather than returning nothing. */
export function validatorFor(ajv: Ajv2020, file: string): ValidateFunction {
  const validate = ajv.getSchema(`${OASIS_BASE}${file}`);
  if (validate === undefined) throw new Error(`schema ${file} is not registered`);
  return validate;
}

/** Validates every object (and the bundle id) against the vendored OASIS schemas, and returns them. */
export function validObjects(ajv: Ajv2020, bundle: StixBundle): readonly StixObject[] {
  expect(validatorFor(ajv, "common/identifier.json")(bundle.id)).toBe(true);
  expect(bundle.id).toMatch(/^bundle--/);
  const objects = bundle.objects ?? [];
  for (const object of objects) {
    const validate = validatorFor(ajv, SCHEMA_OF_TYPE[object.type]);
    expect({ id: object.id, valid: validate(object), errors: validate.errors ?? null }).toEqual({
      id: object.id,
      valid: true,
      errors: null,
    });
    expect(object.spec_version).toBe("2.1");
  }
  return objects;
}

/** The objects of one type, typed as such. */
export function ofType<T extends StixObject["type"]>(objects: readonly StixObject[], type: T) {
  return objects.filter((o): o is Extract<StixObject, { type: T }> => o.type === type);
}
