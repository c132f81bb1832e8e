import { createGuard, STARTER_SIGNATURES } from "@rampart/guard";
import { describe, expect, it } from "vitest";
import { SignatureBook } from "./signature-book.js";
import { parseAdvisoryView } from "./view-schema.js";
import { embargoedView, exactSignatureOf, fullView } from "./views.testing.js";

const A = "a1b2c3d4-0000-4000-8000-00000000000a";
const B = "a1b2c3d4-0000-4000-8000-00000000000b";
const sigX = exactSignatureOf("x", "text x");
const sigY = exactSignatureOf("y", "text y");

describe("SignatureBook", () => {
  it("renames signatures after their advisory and merges them after the base set", () => {
    const book = new SignatureBook();
    expect(book.apply(fullView({ id: A, seq: 1, signatures: [sigX] }))).toBe(true);
    expect(book.apply(embargoedView({ id: B, seq: 2, signatures: [sigY] }))).toBe(true);
    const set = book.set(STARTER_SIGNATURES);
    expect(set.name).toBe("starter+exchange");
    expect(set.signatures.slice(0, STARTER_SIGNATURES.signatures.length)).toEqual(STARTER_SIGNATURES.signatures);
    expect(set.signatures.slice(STARTER_SIGNATURES.signatures.length)).toEqual([
      { ...sigX, id: `${A}/x`, description: `exchange advisory ${A}: novel game jailbreak` },
      { ...sigY, id: `${B}/y`, description: `exchange advisory ${B}: novel game jailbreak` },
    ]);
    expect([book.size, book.advisories]).toEqual([2, 2]);
    // The guard takes the merged set as it is.
    expect(() => createGuard().updateSignatures(set)).not.toThrow();
  });

  it("replaces an advisory's signatures on amendment and drops them on retraction", () => {
    const book = new SignatureBook();
    book.apply(fullView({ id: A, seq: 1, signatures: [sigX] }));
    expect(book.apply(fullView({ id: A, seq: 3, version: 2, signatures: [sigY] }))).toBe(true);
    expect(book.signatures().map((s) => s.id)).toEqual([`${A}/y`]);
    expect(book.apply(fullView({ id: A, seq: 4, version: 3, retracted: true, signatures: [sigY] }))).toBe(true);
    expect([book.size, book.advisories, book.seqOf(A)]).toEqual([0, 0, 4]);
  });

  it("ignores events not newer than the last applied for that advisory", () => {
    const book = new SignatureBook();
    book.apply(fullView({ id: A, seq: 5, retracted: true, signatures: [sigX] }));
    // A replay of the original publication must not bring a retracted advisory back.
    expect(book.apply(fullView({ id: A, seq: 2, signatures: [sigX] }))).toBe(false);
    expect(book.apply(fullView({ id: A, seq: 5, signatures: [sigX] }))).toBe(false);
    expect(book.size).toBe(0);
    // Another advisory's order is its own.
    expect(book.apply(fullView({ id: B, seq: 1, signatures: [sigY] }))).toBe(true);
  });

  it("reports no change when an amendment leaves the signatures as they were", () => {
    const book = new SignatureBook();
    book.apply(fullView({ id: A, seq: 1, signatures: [sigX] }));
    expect(book.apply(fullView({ id: A, seq: 2, version: 2, signatures: [sigX] }))).toBe(false);
    // Lifting the embargo changes what the reader sees, not the signatures.
    expect(book.apply(embargoedView({ id: A, seq: 3, version: 3, signatures: [sigX] }))).toBe(false);
    expect(book.seqOf(A)).toBe(3);
  });

  it("leaves out an exchange signature whose id the base set already uses", () => {
    const book = new SignatureBook();
    book.apply(fullView({ id: A, seq: 1, signatures: [sigX, sigY] }));
    const base = { version: 1 as const, name: "mine", signatures: [{ ...sigX, id: `${A}/x` }] };
    expect(book.set(base).signatures.map((s) => s.id)).toEqual([`${A}/x`, `${A}/y`]);
  });
});

describe("parseAdvisoryView", () => {
  it("accepts both kinds of view and refuses malformed ones with a reason", () => {
    const full = fullView({ id: A, seq: 1, signatures: [sigX] });
    expect(parseAdvisoryView(JSON.stringify(full))).toEqual({ view: full });
    const embargoed = embargoedView({ id: A, seq: 1, signatures: [sigX] });
    expect(parseAdvisoryView(JSON.stringify(embargoed))).toEqual({ view: embargoed });
    // Unknown envelope fields are dropped, not refused: the server may grow.
    expect(parseAdvisoryView(JSON.stringify({ ...embargoed, later: 1 }))).toEqual({ view: embargoed });

    expect(parseAdvisoryView("{nope")).toEqual({ problem: "data is not JSON" });
    expect(parseAdvisoryView(JSON.stringify({ ...embargoed, seq: -1 }))).toMatchObject({ problem: /seq/ });
    const badHash = { ...embargoed, signatures: [{ ...sigX, sha256: "xyz" }] };
    expect(parseAdvisoryView(JSON.stringify(badHash))).toMatchObject({ problem: /signatures\.0\.sha256/ });
    const repeated = { ...embargoed, signatures: [sigX, sigX] };
    expect(parseAdvisoryView(JSON.stringify(repeated))).toMatchObject({ problem: /appears twice/ });
  });
});
