import { describe, expect, it } from "vitest";
import { cardBrand, cardNumber, isCardGrouping } from "./card-numbers.js";
import { passesLuhn } from "./luhn.js";

describe("passesLuhn", () => {
  it("accepts numbers with a valid check digit and rejects one changed digit", () => {
    for (const valid of ["4111111111111111", "79927398713", "378282246310005", "0"])
      expect(passesLuhn(valid)).toBe(true);
    for (const invalid of ["4111111111111112", "79927398710", "378282246310006", "", "41x1"]) {
      expect(passesLuhn(invalid)).toBe(false);
    }
  });
});

describe("card numbers", () => {
  it.each([
    ["4111111111111111", "Visa"],
    ["4222222222222", "Visa"],
    ["5555555555554444", "Mastercard"],
    ["2223003122003222", "Mastercard"],
    ["378282246310005", "American Express"],
    ["6011111111111117", "Discover"],
    ["3530111333300000", "JCB"],
    ["30569309025904", "Diners Club"],
    ["6200000000000005", "UnionPay"],
  ])("knows %s as %s", (digits, brand) => {
    expect(cardNumber(digits)).toBe(brand);
  });

  it("needs a known network, its length and the Luhn check", () => {
    expect(cardBrand("1234567812345670")).toBeUndefined();
    expect(cardNumber("41111111111111")).toBeUndefined();
    expect(cardNumber("4111111111111112")).toBeUndefined();
    expect(cardNumber("37828224631000")).toBeUndefined();
  });

  it("accepts the groupings cards are printed in", () => {
    expect(isCardGrouping([16])).toBe(true);
    expect(isCardGrouping([4, 4, 4, 4])).toBe(true);
    expect(isCardGrouping([4, 4, 4, 4, 3])).toBe(true);
    expect(isCardGrouping([4, 6, 5])).toBe(true);
    expect(isCardGrouping([4, 6, 4])).toBe(true);
    expect(isCardGrouping([3, 5, 4, 4])).toBe(false);
    expect(isCardGrouping([4, 4, 8])).toBe(false);
  });
});
