import { describe, expect, it } from "vitest";
import type { AdvisoryRecord } from "../model/advisory.js";
import { accessLevel } from "./access-level.js";
import { viewOf } from "./view.js";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const CREATOR = "00000000-0000-4000-8000-00000000000a";
const RECIPIENT = "00000000-0000-4000-8000-00000000000b";
const GROUP = "00000000-0000-4000-8000-0000000000f1";

const embargoed: AdvisoryRecord = {
  id: "00000000-0000-4000-8000-000000000001",
  seq: 3,
  version: 1,
  creatorOrg: CREATOR,
  tlp: "GREEN",
  recipients: [RECIPIENT],
  groups: [GROUP],
  embargoUntil: new Date("2026-09-01T00:00:00.000Z"),
  retracted: false,
  content: {
    title: "SECRET-TITLE",
    description: "SECRET-DESCRIPTION",
    technique: { name: "SECRET-TECHNIQUE", atlas: ["AML.T0054"], owasp: [{ id: "LLM01", edition: 2025 }] },
    affected: [{ model: "SECRET-MODEL", versions: ["SECRET-VERSION"] }],
    severity: "critical",
    examples: ["SECRET-EXAMPLE"],
    signatures: [
      {
        id: "sig-1",
        kind: "exact",
        category: "jailbreak",
        description: "SECRET-SIGNATURE-NOTE",
        sha256: "b".repeat(64),
      },
    ],
    references: ["https://example.org/SECRET-REFERENCE"],
  },
  created: new Date("2026-05-01T00:00:00.000Z"),
  modified: new Date("2026-05-02T00:00:00.000Z"),
};

describe("viewOf", () => {
  it("gives a signatures view that carries nothing of the narrative, the creator or the recipients", () => {
    const level = accessLevel(
      embargoed,
      { kind: "member", org: "00000000-0000-4000-8000-00000000000d", groups: [] },
      NOW,
    );
    expect(level).toBe("signatures");
    const view = viewOf(embargoed, level);
    expect(view).toEqual({
      access: "signatures",
      id: embargoed.id,
      seq: 3,
      version: 1,
      tlp: "GREEN",
      embargoUntil: "2026-09-01T00:00:00.000Z",
      retracted: false,
      signatures: embargoed.content.signatures.map((signature) => ({
        ...signature,
        description: `embargoed advisory ${embargoed.id}`,
      })),
    });
    const text = JSON.stringify(view);
    for (const hidden of ["SECRET", CREATOR, RECIPIENT, GROUP]) expect(text).not.toContain(hidden);
    const keys = Object.keys(view!);
    const narrative = ["title", "description", "examples", "references", "technique", "affected", "content"];
    for (const key of [...narrative, "recipients", "groups", "creatorOrg", "created", "modified"]) {
      expect(keys).not.toContain(key);
    }
  });

  it("gives everything, with ISO times, at full access", () => {
    expect(viewOf(embargoed, "full")).toEqual({
      access: "full",
      id: embargoed.id,
      seq: 3,
      version: 1,
      creatorOrg: CREATOR,
      tlp: "GREEN",
      recipients: [RECIPIENT],
      groups: [GROUP],
      embargoUntil: "2026-09-01T00:00:00.000Z",
      retracted: false,
      created: "2026-05-01T00:00:00.000Z",
      modified: "2026-05-02T00:00:00.000Z",
      content: embargoed.content,
    });
    expect(viewOf({ ...embargoed, embargoUntil: null }, "full")).toMatchObject({ embargoUntil: null });
  });

  it("gives nothing at no access", () => {
    expect(viewOf(embargoed, "none")).toBeUndefined();
  });

  it("refuses a signatures view of an advisory with no embargo: no access rule leads there", () => {
    expect(() => viewOf({ ...embargoed, embargoUntil: null }, "signatures")).toThrow(/no embargo/);
  });
});
