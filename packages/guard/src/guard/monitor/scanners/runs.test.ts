import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { charClass, type RunOptions, RunReader } from "./runs.js";
import { cut } from "./streaming.testing.js";

const LETTERS = charClass("abcdefghijklmnopqrstuvwxyz", () => false);
const WORDS = charClass("abcdefghijklmnopqrstuvwxyz ", () => false);

interface Read {
  runs: [string, number][];
  before: string[];
}

function read(pieces: readonly string[], options: RunOptions, charClass = LETTERS): Read {
  const reader = new RunReader(charClass, options);
  const out: Read = { runs: [], before: [] };
  const sink = (run: string, start: number) => {
    out.runs.push([run, start]);
    out.before.push(reader.before());
  };
  let offset = 0;
  for (const piece of pieces) {
    reader.push(piece, offset, sink);
    offset += piece.length;
  }
  reader.end(sink);
  return out;
}

describe("RunReader", () => {
  it("hands over each maximal run once, with its start, when the next character or the end settles it", () => {
    expect(read(["ab cd", "ef g"], { cap: 10 }).runs).toEqual([
      ["ab", 0],
      ["cdef", 3],
      ["g", 8],
    ]);
  });

  it("drops a run longer than the cap, however it arrives, and releases it from hold-back", () => {
    const reader = new RunReader(LETTERS, { cap: 3 });
    const runs: string[] = [];
    reader.push("ab", 0, (r) => runs.push(r));
    expect(reader.pendingStart).toBe(0);
    reader.push("cd", 2, (r) => runs.push(r));
    expect(reader.pendingStart).toBe(-1);
    reader.push("e f", 4, (r) => runs.push(r));
    reader.end((r) => runs.push(r));
    expect(runs).toEqual(["f"]);
  });

  it("starts afresh after a restart character once a run is past the cap", () => {
    expect(read(["aaaaaa bb"], { cap: 4, restart: 32 }, WORDS).runs).toEqual([["bb", 7]]);
    expect(read(["aaa bb"], { cap: 8, restart: 32 }, WORDS).runs).toEqual([["aaa bb", 0]]);
  });

  it("skips runs shorter than minLength", () => {
    expect(read(["a bb ccc"], { cap: 10, minLength: 2 }).runs.map(([r]) => r)).toEqual(["bb", "ccc"]);
  });

  it("gives the text before a run, across pieces", () => {
    const { before } = read(["x=", "1 ", "y", "= val", "ue"], { cap: 10, context: 4 });
    expect(before).toEqual(["", "x=1 ", " y= "]);
  });

  it("finds the same runs and contexts however the text is cut", () => {
    const text = "password = hunter twooo  a bb ccc dddd eeeee ffffff -- zz";
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 20 }), (points) => {
        const options = { cap: 5, minLength: 2, context: 6 };
        expect(read(cut(text, points), options)).toEqual(read([text], options));
        const spaced = { cap: 7, context: 3, restart: 32 };
        expect(read(cut(text, points), spaced, WORDS)).toEqual(read([text], spaced, WORDS));
      }),
    );
  });
});
