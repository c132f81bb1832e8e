import { defineContender } from "./contender.js";

/** Regular expressions only, no I/O at all: offline by construction. */
export const vard = defineContender({
  id: "vard",
  npm: "@andersmyrmel/vard",
  description: "pattern-based prompt-injection detector (regular expressions), zero-config moderate preset",
  method:
    "`createVard().safeParse(text)`; detected when `safe` is false. Its default `maxLength` (10,000 characters) counts a longer input as a threat",
  async load(options) {
    const { createVard } = await import("@andersmyrmel/vard");
    const guard = options.scanLargeInputs ? createVard().maxLength(4 << 20) : createVard();
    return (text) => !guard.safeParse(text).safe;
  },
});
