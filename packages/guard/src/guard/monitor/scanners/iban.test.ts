import { describe, expect, it } from "vitest";
import { ibansIn, isIban } from "./iban.js";

describe("IBANs", () => {
  it("checks the country's length and the mod-97 check digits", () => {
    expect(isIban("DE89370400440532013000")).toBe(true);
    expect(isIban("GB82WEST12345698765432")).toBe(true);
    expect(isIban("NO9386011117947")).toBe(true);
    expect(isIban("DE89370400440532013001")).toBe(false);
    expect(isIban("DE8937040044053201300")).toBe(false);
    expect(isIban("ZZ89370400440532013000")).toBe(false);
  });

  it("reads them printed in groups of four or as one block, in a run of capitals", () => {
    const run = " DE89 3704 0044 0532 0130 00 AND GB82WEST12345698765432 ";
    expect(ibansIn(run).map((m) => run.slice(m.start, m.end))).toEqual([
      "DE89 3704 0044 0532 0130 00",
      "GB82WEST12345698765432",
    ]);
  });
});
