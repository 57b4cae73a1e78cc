/**
 * parseDecimal: the one number grammar of answers, importance ratings and importance points,
 * as its doc comment states it. Expected values are the decimal numbers as written.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../src/_lib/parseDecimal";

describe("parseDecimal", () => {
  it.each([
    ["7", 7],
    ["-1", -1],
    ["3.5", 3.5],
    [".5", 0.5],
    ["-.25", -0.25],
    ["0", 0],
    ["0.75", 0.75],
    ["100", 100],
    ["12.50", 12.5],
    ["-0", 0],
  ])("accepts %j as %d", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    "+7",
    "1e0",
    "2e1",
    "1E2",
    "0007",
    "07",
    "7.",
    "0x14",
    "0X14",
    "0b10100",
    "0o24",
    "1,5",
    "1 000",
    "1_000",
    "Infinity",
    "-Infinity",
    "NaN",
    "",
    " 7",
    "７",
    "٧",
    "--1",
    ".",
    "-.",
  ])("rejects %j", (text) => {
    expect(parseDecimal(text)).toBeNaN();
  });

  it("reads every integer and every two-decimal fraction written plainly (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          expect(parseDecimal(String(whole))).toBe(whole);
          const sign = whole < 0 ? "-" : "";
          const text = `${sign}${Math.abs(whole)}.${String(cents).padStart(2, "0")}`;
          const expected = (Math.abs(whole) * 100 + cents) / 100;
          expect(parseDecimal(text)).toBeCloseTo(whole < 0 ? -expected : expected, 12);
        },
      ),
    );
  });

  it("rejects any integer written with a leading + or a leading zero (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        expect(parseDecimal(`+${n}`)).toBeNaN();
        expect(parseDecimal(`0${n}`)).toBeNaN();
        expect(parseDecimal(`${n}e0`)).toBeNaN();
        expect(parseDecimal(`${n}.`)).toBeNaN();
      }),
    );
  });
});
