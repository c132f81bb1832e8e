import { describe, expect, it } from "vitest";
import { toStixBundle } from "./export.js";
import { mixedInput } from "./fixtures.testing.js";
import {
  OASIS_BASE,
  oasisAjv,
  readVendored,
  SCHEMA_OF_TYPE,
  VENDORED_SCHEMAS,
  validatorFor,
} from "./stix-schemas.testing.js";
import type { StixObject } from "./types.js";

const ajv = oasisAjv();

describe("vendored OASIS schemas", () => {
  it("are the STIX 2.1 (draft 2020-12) schemas, each under its own $id", () => {
    for (const file of VENDORED_SCHEMAS) {
      const schema = readVendored(file);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`${OASIS_BASE}${file}`);
    }
    expect(readVendored("common/core.json").properties.spec_version.enum).toContain("2.1");
    expect(readVendored("common/core.json").required).toContain("spec_version");
  });

  it("resolve every $ref among themselves (a missing schema fails here)", () => {
    for (const file of VENDORED_SCHEMAS) expect(typeof validatorFor(ajv, file)).toBe("function");
    expect(() => validatorFor(ajv, "sdos/campaign.json")).toThrow(/not registered/);
  });

  it("reject what they should, so a pass means something", () => {
    const objects = toStixBundle(mixedInput()).objects ?? [];
    const broken = (type: StixObject["type"], change: Record<string, unknown>) => {
      const object = objects.find((o) => o.type === type);
      return validatorFor(ajv, SCHEMA_OF_TYPE[type])({ ...object, ...change });
    };
    expect(broken("indicator", {})).toBe(true);
    expect(broken("indicator", { created: "2026-03-01T10:00:00Z" })).toBe(false); // not millisecond precision
    expect(broken("indicator", { severity: "high" })).toBe(false); // a name core.json reserves
    expect(broken("report", { object_refs: [] })).toBe(false);
    expect(broken("sighting", { where_sighted_refs: [objects[0]?.id] })).toBe(false);
    expect(broken("identity", { spec_version: "2.2" })).toBe(false);
    expect(broken("attack-pattern", { external_references: [{ source_name: "cve", external_id: "LLM01" }] })).toBe(
      false,
    );
  });
});
