/**
 * parseAnswer: one cell against a scale. Each expected outcome follows from the rules in its
 * doc comment: a plain decimal number (no hex, no decimal comma, no other digit systems) on the
 * scale's grid between min and max; blanks and not-applicable tokens are not faults.
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
    ["+3", 3],
    ["1e0", 1],
    [5, 5],
  ])("reads %j as %d on the 1..7 scale", (cell, value) => {
    expect(parseAnswer(cell, seven, 1000)).toEqual({ ok: true, value });
  });

  it.each([
    ["1e400", "not-a-number"],
    ["-1e400", "not-a-number"],
    ["0x7", "not-a-number"],
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
    ["1e-400", "out-of-range"],
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
