import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { welchTTest } from "../../src/stats/welchTTest";
import {
  allItemIds,
  expectClose,
  kioskItems,
  kioskText,
  meanGapScores,
  refTwoGroups,
  splitBy,
} from "./kiosk";

const POINT = 1e-9;
const PVAL = 1e-6;

const scores: Record<string, readonly string[]> = { overall: allItemIds, ...kioskItems.dimensions };

describe("welchTTest", () => {
  it("matches t.test(score ~ sex, var.equal = FALSE / TRUE) for the overall and every dimension", () => {
    const sex = kioskText("sex");
    for (const [name, ids] of Object.entries(scores)) {
      const groups = splitBy(meanGapScores(ids), sex);
      const ref = refTwoGroups(name);
      for (const [varEqual, block] of [
        [false, ref.welch_t_test],
        [true, ref.student_t_test],
      ] as const) {
        const result = welchTTest(groups.F as number[], groups.M as number[], { varEqual });
        expectClose(result.t, block.t, POINT);
        expectClose(result.df, block.df, POINT);
        expectClose(result.pValue, block.p_value, PVAL);
        expectClose(result.ci.lower, block.conf_low, PVAL);
        expectClose(result.ci.upper, block.conf_high, PVAL);
        expectClose(result.meanX, ref.groups.F?.mean, POINT);
        expectClose(result.sdY, ref.groups.M?.sd, POINT);
        expect(result.warnings).toEqual([]);
      }
    }
  });

  const x = [19.1, 22.4, 20.8, 21.5];
  const y = [17.3, 18.9, 16.2, 18.8, 17.7];

  it("matches R's one-sided tests, mu and levels", () => {
    // R 4.2.2: r <- t.test(x, y, alternative = "less", mu = 5): t = -2.1289146789173206,
    // df = 5.745922720493241, p = 0.03967796773635114, conf.int = (-Inf, 4.853665287645284)
    const less = welchTTest(x, y, { alternative: "less", mu: 5 });
    expectClose(less.t, -2.1289146789173206, POINT);
    expectClose(less.df, 5.745922720493241, POINT);
    expectClose(less.pValue, 0.03967796773635114, PVAL);
    expect(less.ci.lower).toBeNull();
    expectClose(less.ci.upper, 4.853665287645284, PVAL);
    expect(less.notes.length).toBe(1);
    // t.test(x, y, var.equal = TRUE, alternative = "greater", conf.level = .9): t = 3.7907705509488916,
    // df = 7, p = 0.003398033083856736, conf.int = (1.986781762343972, Inf)
    const greater = welchTTest(x, y, { varEqual: true, alternative: "greater", level: 0.9 });
    expect(greater.method).toBe("Two Sample t-test");
    expectClose(greater.t, 3.7907705509488916, POINT);
    expect(greater.df).toBe(7);
    expectClose(greater.pValue, 0.003398033083856736, PVAL);
    expectClose(greater.ci.lower, 1.986781762343972, PVAL);
    expect(greater.ci.upper).toBeNull();
    expect(JSON.stringify(greater)).not.toMatch(/NaN|Infinity/);
    // t.test(x, y): t = 3.687792094080817, df = 5.745922720493241, p = 0.011058367378739616
    const welch = welchTTest(x, y);
    expect(welch.method).toBe("Welch Two Sample t-test");
    expectClose(welch.pValue, 0.011058367378739616, PVAL);
  });

  it("runs Student's test with a single value in one group, as R does", () => {
    // t.test(3, y, var.equal = TRUE): t = -12.034170830110579, df = 4,
    // p = 0.00027337214637082635, conf.int = (-18.18994483410091, -11.370055165899094)
    const result = welchTTest([3], y, { varEqual: true });
    expectClose(result.t, -12.034170830110579, POINT);
    expect(result.df).toBe(4);
    expectClose(result.pValue, 0.00027337214637082635, PVAL);
    expectClose(result.ci.lower, -18.18994483410091, PVAL);
    // Welch needs n >= 2 per group: null + warning.
    const welch = welchTTest([3], y);
    expect(welch.t).toBeNull();
    expect(welch.warnings.length).toBe(1);
  });

  it("returns null + warning for empty groups and constant data", () => {
    for (const [a, b] of [
      [[], [1, 2, 3]],
      [
        [null, null],
        [1, 2],
      ],
      [
        [2, 2, 2],
        [2, 2],
      ],
    ] as const) {
      for (const varEqual of [false, true]) {
        const result = welchTTest(a, b, { varEqual });
        expect(result.t).toBeNull();
        expect(result.pValue).toBeNull();
        expect(result.warnings.length).toBe(1);
        expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
      }
    }
  });

  it("throws a ServqualError for Infinity and bad options", () => {
    expect(() => welchTTest([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(ServqualError);
    expect(() => welchTTest(x, y, { level: 1.5 })).toThrow(ServqualError);
    expect(() => welchTTest(x, y, { mu: Number.NaN })).toThrow(ServqualError);
  });
});
