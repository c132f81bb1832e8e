import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { main } from "../cli/main.js";
import { memoryIo } from "../cli/memory-io.js";
import { formatLineIssues, readJsonl } from "./jsonl.js";
import { byteLines } from "./lines.js";

const encoder = new TextEncoder();

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(cut, bytes.length);
    if (at > from) yield bytes.subarray(from, at);
    from = Math.max(from, at);
  }
  if (from < bytes.length) yield bytes.subarray(from);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The reference: split the whole byte string on LF, then drop one CR at each line's end. */
function referenceLines(bytes: Uint8Array): number[][] {
  const lines: number[][] = [[]];
  for (const byte of bytes) {
    if (byte === 0x0a) lines.push([]);
    else lines.at(-1)!.push(byte);
  }
  if (lines.at(-1)!.length === 0) lines.pop();
  return lines.map((line) => (line.at(-1) === 0x0d ? line.slice(0, -1) : line));
}

const bytesWithNewlines = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x0a, 0x0d)), {
  maxLength: 300,
});

describe("byteLines", () => {
  it("yields the same lines however the bytes are cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(bytesWithNewlines, fc.array(fc.nat(300), { maxLength: 10 }), async (raw, cuts) => {
        const bytes = Uint8Array.from(raw);
        const lines = await collect(byteLines(chunked(bytes, cuts)));
        expect(lines.map((l) => [...l.bytes])).toEqual(referenceLines(bytes));
        expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
      }),
    );
  });

  it("keeps a multi-byte character whole when a chunk boundary falls inside it", async () => {
    const bytes = encoder.encode("a🙂b\né\n");
    const lines = await collect(byteLines(chunked(bytes, [2, 3, 4, 8])));
    expect(lines.map((l) => new TextDecoder().decode(l.bytes))).toEqual(["a🙂b", "é"]);
  });
});

describe("readJsonl", () => {
  const schema = z.object({ id: z.number(), text: z.string() });

  it("never throws on arbitrary bytes, and every non-blank line yields exactly one entry", async () => {
    await fc.assert(
      fc.asyncProperty(bytesWithNewlines, fc.array(fc.nat(300), { maxLength: 5 }), async (raw, cuts) => {
        const bytes = Uint8Array.from(raw);
        const entries = await collect(readJsonl(chunked(bytes, cuts), schema));
        const lines = await collect(byteLines(chunked(bytes, [])));
        // Invalid UTF-8 decodes leniently to U+FFFD, so only valid blank lines count as blank here.
        const blank = lines.filter((l) => new TextDecoder().decode(l.bytes).trim() === "");
        expect(entries.length).toBe(lines.length - blank.length);
        for (const entry of entries) {
          if (!entry.ok)
            expect(formatLineIssues("f", entry).every((m) => m.startsWith(`f:${entry.line}: `))).toBe(true);
        }
      }),
    );
  });
});

type Line =
  | { kind: "good"; id: number; text: string }
  | { kind: "bad"; bytes: Uint8Array }
  | { kind: "blank"; text: string };

const goodLine = fc.record({
  kind: fc.constant("good" as const),
  id: fc.integer(),
  text: fc.string({ unit: "binary" }),
});
const badLine = fc.oneof(
  // Invalid UTF-8: a lone continuation byte inside otherwise plausible JSON.
  fc.string().map((s) => ({
    kind: "bad" as const,
    bytes: Uint8Array.from([
      ...encoder.encode(`{"id":1,"text":"${s.replace(/["\\\n\r]/g, "")}`),
      0x80,
      ...encoder.encode('"}'),
    ]),
  })),
  // Invalid JSON: a good row cut short.
  fc
    .string()
    .map((s) => ({ kind: "bad" as const, bytes: encoder.encode(JSON.stringify({ id: 1, text: s }).slice(0, -1)) })),
  // Valid JSON, wrong shape.
  fc
    .oneof(
      fc.constant({ id: 1 }),
      fc.constant({ text: "no id" }),
      fc.constant([1, 2]),
      fc.integer(),
      fc.constant({ id: true, text: 3 }),
    )
    .map((value) => ({ kind: "bad" as const, bytes: encoder.encode(JSON.stringify(value)) })),
);
const blankLine = fc.constantFrom("", " ", "\t", "\r").map((text) => ({ kind: "blank" as const, text }));

describe("rampart check --input - (property)", () => {
  it("prints exactly one verdict per good line, in order, and one report per bad line, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(goodLine, badLine, blankLine), { maxLength: 25 }), async (lines: Line[]) => {
        const parts = lines.map((line) =>
          line.kind === "good"
            ? encoder.encode(JSON.stringify({ id: line.id, text: line.text }))
            : line.kind === "bad"
              ? line.bytes
              : encoder.encode(line.text),
        );
        const stdin = Uint8Array.from(parts.flatMap((part) => [...part, 0x0a]));
        const memory = memoryIo({ stdin });
        const code = await main(["check", "--input", "-"], memory.io);
        const verdicts = memory
          .stdout()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        expect(verdicts.map((v) => v.id)).toEqual(lines.flatMap((l) => (l.kind === "good" ? [l.id] : [])));
        const reported = new Set(
          memory
            .stderr()
            .split("\n")
            .filter(Boolean)
            .map((l) => Number(/^<stdin>:(\d+):/.exec(l)?.[1])),
        );
        const bad = lines.flatMap((l, i) => (l.kind === "bad" ? [i + 1] : []));
        expect([...reported].sort((a, b) => a - b)).toEqual(bad);
        expect(code).toBe(bad.length > 0 ? 2 : 0);
      }),
      { numRuns: 60 },
    );
  });
});
