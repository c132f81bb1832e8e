import { describe, expect, it } from "vitest";
import type { Signal } from "../../../core/signal.js";
import { pii } from "./pii.js";
import { scanPieces } from "./streaming.testing.js";

function scan(pieces: readonly string[]): { signals: Signal[]; pending: number[] } {
  return scanPieces(pii, pieces);
}

function found(text: string): [string, number][] {
  return scan([text]).signals.map((s) => [text.slice(s.spans[0]!.start, s.spans[0]!.end), s.score]);
}

describe("the PII scanner", () => {
  it.each([
    ["4111 1111 1111 1111"],
    ["4111-1111-1111-1111"],
    ["4111111111111111"],
    ["5555 5555 5555 4444"],
    ["3782 822463 10005"],
    ["6011 1111 1111 1117"],
    ["3530 1113 3330 0000"],
  ])("redacts the card number %s", (card) => {
    expect(found(`Pay with ${card}, thanks.`)).toEqual([[card, 0.95]]);
  });

  it.each([["DE89 3704 0044 0532 0130 00"], ["GB82WEST12345698765432"], ["FR14 2004 1010 0505 0001 3M02 606"]])(
    "redacts the IBAN %s",
    (iban) => {
      expect(found(`Transfer to ${iban} today.`)).toEqual([[iban, 0.95]]);
    },
  );

  it.each([
    ["+1 (415) 867-5309"],
    ["(415) 867-5309"],
    ["415-867-5309"],
    ["415.867.5309"],
    ["+14158675309"],
    ["+44 20 7946 0958"],
    ["020 7946 0958"],
    ["01 23 45 67 89"],
    ["+33 1 23 45 67 89"],
    ["+49 30 1234567"],
  ])("flags the phone number %s", (phone) => {
    expect(found(`Call ${phone} after nine.`)).toEqual([[phone, 0.6]]);
  });

  it("flags an email address, but not a role mailbox, one at a documentation domain, or a decorator", () => {
    expect(found("Write to jane.doe@acme-corp.io or <ops@mail.acme.co.uk>.")).toEqual([
      ["jane.doe@acme-corp.io", 0.6],
      ["ops@mail.acme.co.uk", 0.6],
    ]);
    expect(found("Use user@example.com, admin@test and\n@app.route('/')")).toEqual([]);
    expect(found("Ask support@samsung.com or customer-service@amazon.com, not noreply@acme-corp.io.")).toEqual([]);
  });

  it.each([
    ["a version", "Upgrade to 1.2.3.4 or 10.15.7 first."],
    ["dates", "Between 2023-01-15 and 15.01.2024, or 01/15/2024."],
    ["a date and time", "on 01-01-2020 10:00 sharp"],
    ["ISBNs", "ISBN 978-3-16-148410-0 and ISBN 0-306-40615-2."],
    ["a long arithmetic result", "2^64 = 18446744073709551616 and 20! = 2432902008176640000."],
    ["an order id that fails the Luhn check", "Order 4111111111111112 shipped."],
    ["a number no card network issues", "Reference 1234567890123452."],
    ["mixed separators", "4111 1111-1111 1111"],
    ["a decimal", "pi is 3.4111111111111111"],
    ["an amount", "Total: 4111111111111111.50 units"],
    ["an IP address", "Connect to 192.168.100.200 now."],
    ["a year range", "In 1990-2000 and 2001-2010."],
    ["a bare ten-digit number", "ID 4158675309"],
    ["an IBAN with a wrong check digit", "DE89 3704 0044 0532 0130 01"],
    ["a phone number inside a longer printed number", "0044 0532 0130 00 99"],
    ["a toll-free business line", "Call the IRS at 1-800-829-1040 or (888) 555-0199."],
  ])("leaves %s alone", (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it("holds a number back until it ends (leading spaces not), and an unfinished word", () => {
    const { pending } = scan(["Card 4111 1111", " 1111 1111", " ok", "    "]);
    expect(pending).toEqual([9, 19, 2, 0]);
  });

  it("drops a digit run too long to be a number anyone prints", () => {
    const { signals, pending } = scan(["4".repeat(100), "4".repeat(100), " 4111111111111111 "]);
    // Only the last 64 characters of a long word can be the start of an address.
    expect(pending.slice(0, 2)).toEqual([100, 64]);
    expect(signals).toHaveLength(1);
  });
});
