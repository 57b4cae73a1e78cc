/**
 * Typed cells as text: the fixed decimals of each kind, p-values as R's format.pval at three
 * decimals (`<0.001`), intervals, shares as percentages, and "—" for everything that could not
 * be computed (null, and NaN/Infinity, which the cell constructors turn into null).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { count, intervalCell, label, num, pCell, percentCell } from "../../src/report/cells";
import { formatCell } from "../../src/report/formatCell";

describe("formatCell", () => {
  it("numbers keep their stated decimals and never show a negative zero", () => {
    expect(formatCell(num(-1.2345))).toBe("-1.23");
    expect(formatCell(num(29.44, 1))).toBe("29.4");
    expect(formatCell(num(3, 0))).toBe("3");
    expect(formatCell(num(-0.001))).toBe("0.00");
    expect(formatCell(num(-0.004, 3))).toBe("-0.004");
  });

  it("a number shown with d decimals is within half a unit of the last decimal", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        (value, decimals) => {
          const text = formatCell(num(value, decimals));
          expect(text).toMatch(
            decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${decimals}}$`),
          );
          expect(Math.abs(Number(text) - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
          expect(text.startsWith("-") && Number(text) === 0).toBe(false);
        },
      ),
    );
  });

  it("p-values: three decimals, '<0.001' below 0.001", () => {
    expect(formatCell(pCell(0.0009999))).toBe("<0.001");
    expect(formatCell(pCell(0))).toBe("<0.001");
    expect(formatCell(pCell(0.001))).toBe("0.001");
    expect(formatCell(pCell(0.04999))).toBe("0.050");
    expect(formatCell(pCell(1))).toBe("1.000");
  });

  it("intervals as [lower, upper], each end on its own", () => {
    expect(formatCell(intervalCell({ lower: -0.921, upper: -0.8 }))).toBe("[-0.92, -0.80]");
    expect(formatCell(intervalCell({ lower: 1.24, upper: 2.5 }, 1))).toBe("[1.2, 2.5]");
    expect(formatCell(intervalCell({ lower: null, upper: 0.25 }))).toBe("[—, 0.25]");
  });

  it("shares as percentages, counts as integers, labels as given", () => {
    expect(formatCell(percentCell(0.4567))).toBe("45.7%");
    expect(formatCell(percentCell(1, 0))).toBe("100%");
    expect(formatCell(percentCell(0))).toBe("0.0%");
    expect(formatCell(count(599))).toBe("599");
    expect(formatCell(label("<script>"))).toBe("<script>");
  });

  it("null, NaN, Infinity and undefined become null in the cell and '—' in the text", () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const cell of [num(value), pCell(value), count(value), percentCell(value)]) {
        expect(cell.value).toBeNull();
        expect(formatCell(cell)).toBe("—");
      }
    }
    expect(formatCell(intervalCell(null))).toBe("[—, —]");
    expect(formatCell(label(null))).toBe("—");
  });

  it("rejects what is not a cell with a ServqualError", () => {
    for (const bad of [undefined, null, {}, { kind: "money", value: 1 }, "1.5"]) {
      expect(() => formatCell(bad as never)).toThrow(ServqualError);
    }
  });
});
