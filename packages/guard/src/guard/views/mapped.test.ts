import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endOf, identityMapped, MappedBuilder, originalRange, retext, startOf } from "./mapped.js";

describe("identityMapped", () => {
  it("maps each unit to itself, building the arrays only when read", () => {
    const mapped = identityMapped("abc");
    expect(mapped.identity).toBe(true);
    expect(Array.from(mapped.starts)).toEqual([0, 1, 2]);
    expect(Array.from(mapped.ends)).toEqual([1, 2, 3]);
    expect(mapped.starts).toBe(mapped.starts);
  });

  it("answers startOf and endOf without the arrays", () => {
    const mapped = identityMapped("abc");
    expect([startOf(mapped, 2), endOf(mapped, 2)]).toEqual([2, 3]);
  });

  it("shares its maps with a same-length rewrite", () => {
    const mapped = identityMapped("ABC");
    const lower = retext(mapped, "abc");
    expect(lower.text).toBe("abc");
    expect(lower.identity).toBe(true);
    expect(lower.starts).toBe(mapped.starts);
  });
});

describe("MappedBuilder", () => {
  it("joins copies and new units, each with its original range", () => {
    const source = identityMapped("hello world");
    const out = new MappedBuilder();
    out.copy(source, 0, 5);
    out.pushString("__", 5, 6);
    out.copy(source, 6, 11);
    const built = out.build();
    expect(built.text).toBe("hello__world");
    expect(Array.from(built.starts)).toEqual([0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(built.ends)).toEqual([1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11]);
  });

  it("composes through a source that is itself mapped", () => {
    const first = new MappedBuilder();
    first.push(0x78, 10, 20);
    first.push(0x79, 20, 30);
    const middle = first.build();
    const out = new MappedBuilder();
    out.copy(middle, 1, 2);
    out.copy(middle, 0, 1);
    const built = out.build();
    expect(built.text).toBe("yx");
    expect(Array.from(built.starts)).toEqual([20, 10]);
    expect(Array.from(built.ends)).toEqual([30, 20]);
  });

  it("truncates back across segments, maps included", () => {
    const source = identityMapped("abcdef");
    const out = new MappedBuilder();
    out.copy(source, 0, 3);
    out.push(0x21, 3, 4);
    out.push(0x22, 4, 5);
    out.truncate(4);
    expect(out.lastEnd()).toBe(4);
    out.truncate(2);
    out.push(0x3f, 9, 9);
    const built = out.build();
    expect(built.text).toBe("ab?");
    expect(Array.from(built.starts)).toEqual([0, 1, 9]);
  });

  it("reports the last unit's original end and quotes a stretch", () => {
    const out = new MappedBuilder();
    expect(out.lastEnd()).toBe(0);
    out.copy(identityMapped("abcdef"), 2, 4);
    expect(out.lastEnd()).toBe(4);
    expect(out.textOf(0, 1)).toBe("c");
  });

  it("keeps text and maps the same length whatever is appended", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("copy" as const), from: fc.nat(20), length: fc.nat(20) }),
      fc.record({ kind: fc.constant("push" as const), unit: fc.integer({ min: 0, max: 0xffff }) }),
      fc.record({ kind: fc.constant("truncate" as const), to: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const source = identityMapped("abcdefghijklmnopqrstuvwxyz0123456789");
        const out = new MappedBuilder();
        let expected = "";
        for (const o of ops) {
          if (o.kind === "copy") {
            const to = Math.min(source.text.length, o.from + o.length);
            out.copy(source, o.from, to);
            expected += source.text.slice(o.from, to);
          } else if (o.kind === "push") {
            out.push(o.unit, 0, 1);
            expected += String.fromCharCode(o.unit);
          } else {
            out.truncate(o.to);
            expected = expected.slice(0, o.to);
          }
          expect(out.length).toBe(expected.length);
        }
        const built = out.build();
        expect(built.text).toBe(expected);
        expect(built.starts).toHaveLength(expected.length);
      }),
    );
  });
});

describe("originalRange", () => {
  it("covers both ends whichever way the map runs", () => {
    const out = new MappedBuilder();
    out.push(0x61, 7, 8);
    out.push(0x62, 3, 4);
    expect(originalRange(out.build(), 0, 2)).toEqual({ start: 3, end: 8 });
  });
});
