/**
 * parseAnswer: one cell against a scale. Each expected outcome follows from the rules in its
 * doc comment: a plain decimal number (the grammar of parseDecimal: optional minus, digits
 * without leading zeros, optional point with digits after it; no +, exponent, hex, decimal comma
 * or other digit systems) on the scale's grid between min and max; blanks and not-applicable
 * tokens are not faults.
 */
import { describe, expect, it } from "vitest";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import { parseAnswer } from "../../src/responses/parseAnswer";

const seven = instruments.servqual22.scale;
const nine = instruments.libqualCore22.scale;
const halves = defineInstrument({
  id: "halves",
  name: "Half points",
  scale: { min: 0, max: 5, step: 0.5 },
  format: "perception-only",
  dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "one" }] }],
}).scale;

describe("parseAnswer", () => {
  it.each([
    ["7", 7],
    [" 7 ", 7],
    ["7.0", 7],
    ["7.00", 7],
    ["\t3\r", 3],
    [5, 5],
  ])("reads %j as %d on the 1..7 scale", (cell, value) => {
    expect(parseAnswer(cell, seven, 1000)).toEqual({ ok: true, value });
  });

  it.each([
    ["1e400", "not-a-number"],
    ["1e0", "not-a-number"],
    ["2E0", "not-a-number"],
    ["+3", "not-a-number"],
    ["+7", "not-a-number"],
    ["0007", "not-a-number"],
    ["07", "not-a-number"],
    ["7.", "not-a-number"],
    ["0x7", "not-a-number"],
    ["0b11", "not-a-number"],
    ["0o7", "not-a-number"],
    ["1_000", "not-a-number"],
    ["- 3", "not-a-number"],
    ["--3", "not-a-number"],
    ["3-", "not-a-number"],
    [".", "not-a-number"],
    ["-", "not-a-number"],
    ["1.2.3", "not-a-number"],
    ["-1e400", "not-a-number"],
    ["7,0", "not-a-number"],
    ["７", "not-a-number"],
    ["٧", "not-a-number"],
    ["seven", "not-a-number"],
    ["Infinity", "not-a-number"],
    [Number.NaN, "not-a-number"],
    [Number.POSITIVE_INFINITY, "not-a-number"],
    [true, "not-a-number"],
    ["N/A", "not-a-number"],
    ["-0", "out-of-range"],
    ["0", "out-of-range"],
    ["8", "out-of-range"],
    ["99999999999999999999999", "out-of-range"],
    ["4.5", "off-scale-step"],
    [4.5, "off-scale-step"],
    ["1e-400", "not-a-number"],
    ["", "blank"],
    ["   ", "blank"],
    [null, "blank"],
    [undefined, "blank"],
  ])("rejects %j as %s on the 1..7 scale", (cell, fault) => {
    expect(parseAnswer(cell, seven, 1000)).toEqual({ ok: false, fault });
  });

  it("rejects a cell longer than the limit before reading it", () => {
    expect(parseAnswer(`7${" ".repeat(1000)}`, seven, 1000)).toEqual({
      ok: false,
      fault: "cell-too-long",
    });
    expect(parseAnswer(`7${" ".repeat(999)}`, seven, 1000)).toEqual({ ok: true, value: 7 });
  });

  it("reads the not-applicable tokens of the 1..9 scale in any case", () => {
    for (const cell of ["N", "n", "N/A", "n/a", " NA "]) {
      expect(parseAnswer(cell, nine, 1000)).toEqual({ ok: false, fault: "not-applicable" });
    }
    expect(parseAnswer("9", nine, 1000)).toEqual({ ok: true, value: 9 });
  });

  it("checks the step of a half-point scale", () => {
    expect(parseAnswer("2.5", halves, 1000)).toEqual({ ok: true, value: 2.5 });
    expect(parseAnswer("0", halves, 1000)).toEqual({ ok: true, value: 0 });
    expect(parseAnswer("2.25", halves, 1000)).toEqual({ ok: false, fault: "off-scale-step" });
  });
});

describe("the number grammar on a scale with negatives and fractions (-3..3, step 0.5)", () => {
  const signed = defineInstrument({
    id: "signed",
    name: "Signed half points",
    scale: { min: -3, max: 3, step: 0.5 },
    format: "perception-only",
    dimensions: [{ id: "d", label: "D", items: [{ id: "1", label: "one" }] }],
  }).scale;

  it.each([
    ["-1", -1],
    ["-3", -3],
    ["3.5", "out-of-range"],
    ["2.5", 2.5],
    [".5", 0.5],
    ["-.5", -0.5],
    ["-0.5", -0.5],
    ["0", 0],
    ["0.0", 0],
    ["-0", 0],
  ])("reads %j as %j", (cell, expected) => {
    const parsed = parseAnswer(cell, signed, 1000);
    if (typeof expected === "number") {
      expect(parsed).toEqual({ ok: true, value: expected });
      // -0 is read as 0, so it never shows as "-0" in results.
      if (parsed.ok) expect(Object.is(parsed.value, -0)).toBe(false);
    } else expect(parsed).toEqual({ ok: false, fault: expected });
  });

  it.each(["+1", "-1.", "-01", "00", "00.5", "1e-1", "5e-1", "0x1", "-0x1", "½", "1/2"])(
    "rejects %j as not-a-number",
    (cell) => {
      expect(parseAnswer(cell, signed, 1000)).toEqual({ ok: false, fault: "not-a-number" });
    },
  );
});
