import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import type { Tlp } from "../model/advisory.js";
import { toStixBundle } from "./export.js";
import {
  advisory,
  bareAdvisory,
  EXACT_SIGNATURE,
  FUZZY_SIGNATURE,
  KINDS,
  mixedInput,
  ORG_A,
  ORG_C,
  ORGANISATIONS,
  sighting,
  signaturesOnly,
} from "./fixtures.testing.js";
import { uuidV5 } from "./ids.js";
import { TLP_MARKING_IDS } from "./markings.js";
import { oasisAjv, ofType, SCHEMA_OF_TYPE, validObjects as validAgainst } from "./stix-schemas.testing.js";
import type { StixBundle } from "./types.js";

const ajv = oasisAjv();
const validObjects = (bundle: StixBundle) => validAgainst(ajv, bundle);
const CLEAR = TLP_MARKING_IDS.CLEAR;
const GREEN = TLP_MARKING_IDS.GREEN;

describe("toStixBundle", () => {
  it("emits objects that all validate against the OASIS schemas", () => {
    const objects = validObjects(toStixBundle(mixedInput()));
    expect(new Set(objects.map((o) => o.type))).toEqual(new Set(Object.keys(SCHEMA_OF_TYPE)));
    expect(ofType(objects, "sighting")).toHaveLength(KINDS.length + 1);
  });

  it("maps several signatures and ATLAS/OWASP references", () => {
    const objects = validObjects(toStixBundle({ ...mixedInput(), sightings: [] }));
    const [pattern] = ofType(objects, "attack-pattern");
    expect(pattern?.name).toBe("role-play jailbreak with a fake system prompt");
    expect(pattern?.external_references).toEqual([
      { source_name: "mitre-atlas", external_id: "AML.T0054", url: "https://atlas.mitre.org/techniques/AML.T0054" },
      {
        source_name: "mitre-atlas",
        external_id: "AML.T0051.000",
        url: "https://atlas.mitre.org/techniques/AML.T0051.000",
      },
      { source_name: "owasp-llm-top-10-2025", external_id: "LLM01" },
    ]);
    const indicators = ofType(objects, "indicator").filter((i) => i.created_by_ref === pattern?.created_by_ref);
    expect(indicators.map((i) => JSON.parse(i.pattern))).toEqual([EXACT_SIGNATURE, FUZZY_SIGNATURE]);
    expect(indicators.map((i) => i.pattern)).toEqual([canonicalize(EXACT_SIGNATURE), canonicalize(FUZZY_SIGNATURE)]);
    for (const i of indicators) {
      expect(i).toMatchObject({ pattern_type: "rampart-signature", indicator_types: ["malicious-activity"] });
      expect(i.valid_from).toBe("2026-03-01T10:00:00.000Z");
    }
    const relationships = ofType(objects, "relationship");
    expect(relationships.map((r) => [r.source_ref, r.relationship_type, r.target_ref])).toEqual(
      indicators.map((i) => [i.id, "indicates", pattern?.id]),
    );
    const report = ofType(objects, "report").find((r) => r.name === advisory().content.title);
    expect(report).toMatchObject({ published: "2026-03-01T10:00:00.000Z", report_types: ["attack-pattern"] });
    expect(report?.object_refs).toEqual([
      pattern?.id,
      ...indicators.map((i) => i.id),
      ...relationships.map((r) => r.id),
    ]);
  });

  it("maps an advisory with no signatures and no references, and points its sightings at the attack pattern", () => {
    const bundle = toStixBundle({
      advisories: [bareAdvisory()],
      organisations: ORGANISATIONS,
      sightings: [sighting("seen", ORG_C, { advisoryId: bareAdvisory().id })],
    });
    const objects = validObjects(bundle);
    const [pattern] = ofType(objects, "attack-pattern");
    expect(pattern).not.toHaveProperty("external_references");
    expect(ofType(objects, "indicator")).toEqual([]);
    expect(ofType(objects, "report")[0]?.object_refs).toEqual([pattern?.id]);
    expect(ofType(objects, "sighting")[0]?.sighting_of_ref).toBe(pattern?.id);
    expect(pattern?.created).toBe("2026-02-10T08:00:00.000Z");
  });

  it("marks CLEAR and GREEN advisories with the official TLP 2.0 markings, examples only for CLEAR", () => {
    const objects = validObjects(toStixBundle({ ...mixedInput(), sightings: [] }));
    for (const o of objects) if (o.type !== "marking-definition") expect(o.object_marking_refs).toHaveLength(1);
    const author = new Map<string, string>(ofType(objects, "identity").map((i) => [i.id, i.name]));
    for (const type of ["attack-pattern", "indicator", "relationship", "report"] as const) {
      for (const o of ofType(objects, type)) {
        // Alpha Bank wrote the CLEAR advisory, Beta Health the GREEN one.
        expect(o.object_marking_refs).toEqual([author.get(o.created_by_ref ?? "") === "Alpha Bank" ? CLEAR : GREEN]);
      }
    }
    const reports = ofType(objects, "report");
    expect(reports.map((r) => [r.object_marking_refs, r.x_rampart_examples])).toEqual([
      [[CLEAR], advisory().content.examples],
      [[GREEN], undefined],
    ]);
    // As published in oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0/examples.
    expect(ofType(objects, "marking-definition")).toEqual([
      {
        type: "marking-definition",
        spec_version: "2.1",
        id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        created: "2022-10-01T00:00:00.000Z",
        name: "TLP:CLEAR",
        extensions: {
          "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
            extension_type: "property-extension",
            tlp_2_0: "clear",
          },
        },
      },
      {
        type: "marking-definition",
        spec_version: "2.1",
        id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        created: "2022-10-01T00:00:00.000Z",
        name: "TLP:GREEN",
        extensions: {
          "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
            extension_type: "property-extension",
            tlp_2_0: "green",
          },
        },
      },
    ]);
    const onlyGreen = validObjects(
      toStixBundle({ advisories: [bareAdvisory()], organisations: ORGANISATIONS, sightings: [] }),
    );
    expect(ofType(onlyGreen, "marking-definition").map((m) => m.id)).toEqual([GREEN]);
  });

  it("exports sightings of each kind, GREEN at least, from the reporter's identity", () => {
    const objects = validObjects(toStixBundle(mixedInput()));
    const indicatorOf = new Map(ofType(objects, "indicator").map((i) => [i.name, i.id]));
    const sightings = ofType(objects, "sighting");
    expect(sightings.slice(0, KINDS.length).map((s) => s.x_rampart_kind)).toEqual([...KINDS]);
    const reporter = ofType(objects, "identity").find((i) => i.name === "Gamma Labs");
    for (const s of sightings.slice(0, KINDS.length)) {
      expect(s).toMatchObject({ count: 1, where_sighted_refs: [reporter?.id], object_marking_refs: [GREEN] });
      expect([s.first_seen, s.last_seen, s.created]).toEqual(Array(3).fill("2026-03-05T12:00:00.123Z"));
    }
    const falsePositive = sightings.find((s) => s.x_rampart_kind === "false-positive");
    expect(falsePositive?.sighting_of_ref).toBe(indicatorOf.get(FUZZY_SIGNATURE.id));
    expect(falsePositive?.x_rampart_signature_ids).toEqual(["unknown", FUZZY_SIGNATURE.id]);
    expect(sightings.find((s) => s.x_rampart_kind === "seen")?.sighting_of_ref).toBe(
      indicatorOf.get(EXACT_SIGNATURE.id),
    );
    expect(reporter?.object_marking_refs).toEqual([GREEN]);
  });

  it("names each organisation once, widest label first-dated, created by the exchange", () => {
    const objects = validObjects(toStixBundle(mixedInput()));
    const identities = ofType(objects, "identity");
    expect(identities.map((i) => [i.name, i.identity_class, i.object_marking_refs[0]])).toEqual([
      ["Rampart Exchange", "system", CLEAR],
      ["Alpha Bank", "organization", CLEAR],
      ["Beta Health", "organization", GREEN],
      ["Gamma Labs", "organization", GREEN],
    ]);
    for (const org of identities.slice(1)) expect(org.created_by_ref).toBe(identities[0]?.id);
    expect(identities.find((i) => i.name === "Beta Health")?.created).toBe("2026-02-10T08:00:00.000Z");
  });

  it("gives the same bundle, ids included, for the same input", () => {
    const first = toStixBundle(mixedInput());
    expect(JSON.stringify(toStixBundle(mixedInput()))).toBe(JSON.stringify(first));
    const amended = toStixBundle({ ...mixedInput(), advisories: [advisory({ version: 3 }), bareAdvisory()] });
    expect(amended.id).not.toBe(first.id);
    const reportIds = (b: StixBundle) => ofType(b.objects ?? [], "report").map((r) => r.id);
    expect(reportIds(amended)[0]).not.toBe(reportIds(first)[0]);
    expect(reportIds(amended)[1]).toBe(reportIds(first)[1]);
  });

  it("derives ids with a correct UUIDv5", () => {
    // RFC 9562 appendix A.4's example: the DNS namespace and "www.example.com".
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("exports a retracted advisory as revoked", () => {
    const objects = validObjects(
      toStixBundle({ advisories: [advisory({ retracted: true })], organisations: ORGANISATIONS, sightings: [] }),
    );
    for (const type of ["attack-pattern", "indicator", "relationship", "report"] as const) {
      for (const o of ofType(objects, type)) expect(o.revoked).toBe(true);
    }
  });

  it("leaves objects out of an empty export", () => {
    const bundle = toStixBundle({ advisories: [], organisations: ORGANISATIONS, sightings: [sighting("seen", ORG_A)] });
    expect(bundle).not.toHaveProperty("objects");
    validObjects(bundle);
  });

  it.each(["AMBER", "AMBER+STRICT", "RED"] satisfies Tlp[])("refuses a TLP:%s advisory", (tlp) => {
    const advisories = [advisory(), advisory({ id: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", tlp })];
    expect(() => toStixBundle({ advisories, organisations: ORGANISATIONS, sightings: [] })).toThrow(
      `TLP:${tlp} advisories are never exported`,
    );
  });

  it("refuses views that are not full, repeated advisories and unknown organisations", () => {
    const input = { organisations: ORGANISATIONS, sightings: [] };
    expect(() => toStixBundle({ ...input, advisories: [signaturesOnly()] })).toThrow(/only full views/);
    expect(() => toStixBundle({ ...input, advisories: [advisory(), advisory()] })).toThrow(/listed twice/);
    expect(() => toStixBundle({ ...input, advisories: [advisory({ creatorOrg: "nobody" })] })).toThrow(/nobody/);
    expect(() => toStixBundle({ ...input, advisories: [advisory({ created: "yesterday" })] })).toThrow(/valid time/);
  });
});
