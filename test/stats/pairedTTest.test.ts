import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { pairedTTest } from "../../src/stats/pairedTTest";
import { pairedTTestFromSummary } from "../../src/stats/pairedTTestFromSummary";
import {
  allItemIds,
  expectClose,
  integerSums,
  kioskColumn,
  kioskItems,
  meanGapScores,
  type RTTest,
  refDimension,
  refItem,
  refOverall,
} from "./kiosk";

const POINT = 1e-9;
const PVAL = 1e-6;

function expectMatchesR(result: ReturnType<typeof pairedTTest>, ref: RTTest): void {
  expectClose(result.t, ref.t, POINT);
  expect(result.df).toBe(ref.df);
  expectClose(result.pValue, ref.p_value, PVAL);
  expectClose(result.ci.lower, ref.conf_low, PVAL);
  expectClose(result.ci.upper, ref.conf_high, PVAL);
  expectClose(result.meanDifference, ref.mean_difference, POINT);
  expectClose(result.stderr, ref.stderr, POINT);
  expect(result.method).toBe("Paired t-test");
  expect(result.warnings).toEqual([]);
}

describe("pairedTTest", () => {
  it("matches t.test(P, E, paired = TRUE) for all 24 kiosk items", () => {
    for (const item of kioskItems.items) {
      const result = pairedTTest(kioskColumn(item.P), kioskColumn(item.E));
      expectMatchesR(result, refItem(item.item).t_test);
    }
  });

  it("matches R for the eight dimension means and the overall gap", () => {
    for (const dimension of kioskItems.dimension_order) {
      const ids = kioskItems.dimensions[dimension] as readonly string[];
      const { E, P } = integerSums(ids);
      const k = ids.length;
      const result = pairedTTest(
        P.map((v) => v / k),
        E.map((v) => v / k),
      );
      expectMatchesR(result, refDimension(dimension).t_test);
    }
    const { E, P } = integerSums(allItemIds);
    const overall = pairedTTest(
      P.map((v) => v / 24),
      E.map((v) => v / 24),
    );
    expectMatchesR(overall, refOverall.t_test);
    // The tiny overall p-value (4.7e-47) keeps its relative precision.
    expectClose(overall.pValue, 4.73286772980038e-47, PVAL);
    expect(meanGapScores(allItemIds).length).toBe(207);
  });

  it("matches R's one-sided tests and intervals (infinite bound → null + note)", () => {
    // R 4.2.2: r <- t.test(c(5,6,7,4), c(6,6,5,2), paired=TRUE); c(r$statistic, r$p.value, r$conf.int)
    //   = 1, 0.39100221895577053, -1.6368347289627807, 3.136834728962781
    const two = pairedTTest([5, 6, 7, 4], [6, 6, 5, 2]);
    expect(two.t).toBeCloseTo(1, 14);
    expectClose(two.pValue, 0.39100221895577053, PVAL);
    expectClose(two.ci.lower, -1.6368347289627807, PVAL);
    expectClose(two.ci.upper, 3.136834728962781, PVAL);
    expect(two.notes).toEqual([]);
    // t.test(..., paired=TRUE, alternative="greater", conf.level=0.9): p = 0.19550110947788527,
    // conf.int = -0.4783082652721568, Inf
    const greater = pairedTTest([5, 6, 7, 4], [6, 6, 5, 2], { alternative: "greater", level: 0.9 });
    expectClose(greater.pValue, 0.19550110947788527, PVAL);
    expectClose(greater.ci.lower, -0.4783082652721568, PVAL);
    expect(greater.ci.upper).toBeNull();
    expect(greater.notes.length).toBe(1);
    // t.test(..., paired=TRUE, alternative="less", mu=1): t = -1/3, p = 0.3804101877572553,
    // conf.int = -Inf, 2.5150225761013685
    const less = pairedTTest([5, 6, 7, 4], [6, 6, 5, 2], { alternative: "less", mu: 1 });
    expectClose(less.t, -1 / 3, POINT);
    expectClose(less.pValue, 0.3804101877572553, PVAL);
    expect(less.ci.lower).toBeNull();
    expectClose(less.ci.upper, 2.5150225761013685, PVAL);
    expect(JSON.stringify(less)).not.toMatch(/NaN|Infinity/);
  });

  it("drops incomplete pairs and counts them", () => {
    const result = pairedTTest([5, null, 6, 7, 4, 3], [6, 2, 6, 5, 2, Number.NaN]);
    expect(result.n).toBe(4);
    expect(result.missing).toBe(2);
    expect(result.t).toBeCloseTo(1, 14);
  });

  it("returns null + warning for n < 2, no pairs and constant differences", () => {
    for (const [x, y] of [
      [[], []],
      [[1], [2]],
      [
        [null, 3],
        [1, null],
      ],
      [
        [3, 4, 5],
        [2, 3, 4],
      ],
      [
        [1, 2],
        [1, 2],
      ],
    ] as const) {
      const result = pairedTTest(x, y);
      expect(result.t).toBeNull();
      expect(result.pValue).toBeNull();
      expect(result.ci.lower).toBeNull();
      expect(result.warnings.length).toBe(1);
      expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("tells no pairs from one pair: its code, and the one difference as the mean", () => {
    const none = pairedTTest([], []);
    expect(none.warnings.map((w) => w.code)).toEqual(["no-data"]);
    expect(none.meanDifference).toBeNull();
    const one = pairedTTest([1], [2.5]);
    expect(one.warnings.map((w) => w.code)).toEqual(["too-few-values"]);
    expect(one.meanDifference).toBe(-1.5);
    expect(one.df).toBeNull();
  });

  it("throws a ServqualError for unequal lengths, Infinity and bad options", () => {
    try {
      pairedTTest([1, 2, 3, 4, 5], [1, 2, 3, 4]);
      expect.fail("expected a throw");
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      expect((error as ServqualError).issues[0]?.code).toBe("length-mismatch");
      expect((error as ServqualError).issues[0]?.message).toBe("x has 5 values, y has 4");
    }
    expect(() => pairedTTest([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(ServqualError);
    expect(() =>
      pairedTTest([1, 2], [2, 1], { alternative: "two.sided" as unknown as "less" }),
    ).toThrow(ServqualError);
    expect(() => pairedTTest([1, 2], [2, 1], { level: 95 })).toThrow(ServqualError);
  });
});

describe("pairedTTestFromSummary", () => {
  it("matches R for kiosk item K1 from its summary (n, mean, sd of P − E)", () => {
    const ref = refItem("K1");
    const result = pairedTTestFromSummary({ n: ref.n, mean: ref.mean_gap, sd: ref.sd_gap });
    expectMatchesR(result, ref.t_test);
  });

  it("equals the array version on the same data", () => {
    const x = [4, 5, 3, 6, 7, 2, 5];
    const y = [5, 5, 4, 4, 6, 3, 7];
    const d = x.map((v, i) => v - (y[i] as number));
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
    const fromSummary = pairedTTestFromSummary({ n: d.length, mean, sd });
    const fromArrays = pairedTTest(x, y);
    expectClose(fromSummary.t, fromArrays.t as number, 1e-12);
    expectClose(fromSummary.pValue, fromArrays.pValue as number, 1e-12);
  });

  it("rejects a malformed summary", () => {
    expect(() => pairedTTestFromSummary({ n: -1, mean: 0, sd: 1 })).toThrow(ServqualError);
    expect(() => pairedTTestFromSummary({ n: 2.5, mean: 0, sd: 1 })).toThrow(ServqualError);
    expect(() => pairedTTestFromSummary({ n: 5, mean: Number.NaN, sd: 1 })).toThrow(ServqualError);
    expect(() => pairedTTestFromSummary({ n: 5, mean: 1, sd: -1 })).toThrow(ServqualError);
    expect(() => pairedTTestFromSummary({ n: 5, mean: 1, sd: null })).toThrow(ServqualError);
    expect(pairedTTestFromSummary({ n: 1, mean: 1, sd: null }).warnings.length).toBe(1);
  });
});
