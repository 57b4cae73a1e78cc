/**
 * APA-style numbers (APA Publication Manual, 7th ed., 6.36, 6.40): expected strings written by
 * hand from the rules (true minus U+2212, no leading zero for p and statistics bounded by 1,
 * "< .001"), and the demo-like example of the issue: t(598) = −33.1, p < .001, d_z = −1.29.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { intervalCell, label, num, pCell, percentCell } from "../../src/report/cells";
import { apaNumber, apaP, apaTTest, formatCellApa, MINUS } from "../../src/report/formatApa";

describe("APA numbers", () => {
  it("uses U+2212 for negatives and never shows a negative zero", () => {
    expect(MINUS).toBe("\u2212");
    expect(apaNumber(-1.2866)).toBe("\u22121.29");
    expect(apaNumber(-0.004)).toBe("0.00");
    expect(apaNumber(1.5, 1)).toBe("1.5");
    expect(apaNumber(null)).toBe("—");
    expect(apaNumber(Number.NaN)).toBe("—");
  });

  it("drops the leading zero of statistics bounded by 1 only", () => {
    expect(apaNumber(0.8234, 2, true)).toBe(".82");
    expect(apaNumber(-0.18, 2, true)).toBe("\u2212.18");
    expect(apaNumber(1, 2, true)).toBe("1.00");
    expect(apaNumber(0.8234, 2)).toBe("0.82");
  });

  it("writes p without a leading zero, < .001 below .001", () => {
    expect(apaP(0.0234)).toBe(".023");
    expect(apaP(0.001)).toBe(".001");
    expect(apaP(0.000999)).toBe("< .001");
    expect(apaP(0.0234, true)).toBe("= .023");
    expect(apaP(1e-300, true)).toBe("< .001");
    expect(apaP(null)).toBe("—");
  });

  it("writes a t-test as running text", () => {
    expect(apaTTest({ t: -33.0987, df: 598, p: 1e-40, dz: -1.2866 })).toBe(
      "t(598) = \u221233.1, p < .001, d_z = \u22121.29",
    );
    expect(apaTTest({ t: 2.345, df: 20, p: 0.0291, dz: 0.51 })).toBe(
      "t(20) = 2.35, p = .029, d_z = 0.51",
    );
    expect(apaTTest({ t: null, df: null, p: null, dz: null })).toBe("—");
  });

  it("formats every cell kind", () => {
    expect(formatCellApa(num(-0.5))).toBe("\u22120.50");
    expect(formatCellApa(num(0.87, 2, true))).toBe(".87");
    expect(formatCellApa(pCell(0.0004))).toBe("< .001");
    expect(formatCellApa(intervalCell({ lower: -3.7862, upper: 2.7862 }))).toBe(
      "[\u22123.79, 2.79]",
    );
    expect(formatCellApa(percentCell(1 / 3))).toBe("33.3%");
    expect(formatCellApa(label("-x"))).toBe("-x");
    expect(() => formatCellApa({ kind: "money" } as never)).toThrow(ServqualError);
  });
});
