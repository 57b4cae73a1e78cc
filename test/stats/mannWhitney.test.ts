import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { mannWhitney } from "../../src/stats/mannWhitney";
import {
  allItemIds,
  expectClose,
  kioskItems,
  kioskText,
  refTwoGroups,
  splitBy,
  sumGapScores,
} from "./kiosk";

const scores: Record<string, readonly string[]> = { overall: allItemIds, ...kioskItems.dimensions };

describe("mannWhitney", () => {
  it("matches wilcox.test(sum(P) - sum(E) ~ sex, exact = FALSE, correct = TRUE) for every score", () => {
    const sex = kioskText("sex");
    for (const [name, ids] of Object.entries(scores)) {
      const ref = refTwoGroups(name).mann_whitney_on_integer_sums;
      const groups = splitBy(sumGapScores(ids), sex);
      const result = mannWhitney(groups.F as number[], groups.M as number[]);
      expectClose(result.W, ref.W, 1e-12);
      expectClose(result.pValue, ref.p_value, 1e-6);
      expect(result.method).toBe("Wilcoxon rank sum test with continuity correction");
    }
  });

  it("matches R on small data, one-sided and without correction", () => {
    // wilcox.test(x, y, exact = FALSE) on R's ?wilcox.test depression data: W = 58,
    // p = 0.13291945818531886
    const a = mannWhitney(
      [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3],
      [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29],
    );
    expect(a.W).toBe(58);
    expectClose(a.pValue, 0.13291945818531886, 1e-6);
    expect(a.ties).toBe(true); // y has 1.06 twice: R's default is the normal approximation too
    expect(a.notes).toEqual([]);
    // wilcox.test(c(19.1,22.4,20.8,21.5), c(17.3,18.9,16.2,18.8,17.7), exact = FALSE,
    //   alternative = "greater"): W = 20, p = 0.00998222665260803
    const b = mannWhitney([19.1, 22.4, 20.8, 21.5], [17.3, 18.9, 16.2, 18.8, 17.7], {
      alternative: "greater",
    });
    expect(b.W).toBe(20);
    expect(b.notes.length).toBe(1); // no ties, n < 50: R's default would be exact here
    expectClose(b.pValue, 0.00998222665260803, 1e-6);
    // W = n_x·n_y: every x above every y → rank-biserial 1.
    expect(b.rankBiserial).toBe(1);
    // wilcox.test(c(1,2,2,3,3,3), c(2,3,4,4,5), exact = FALSE, correct = FALSE,
    //   alternative = "less"): W = 5.5, p = 0.03618446059039152
    const c = mannWhitney([1, 2, 2, 3, 3, 3], [2, 3, 4, 4, 5], {
      correct: false,
      alternative: "less",
    });
    expect(c.W).toBe(5.5);
    expectClose(c.pValue, 0.03618446059039152, 1e-6);
    expect(c.method).toBe("Wilcoxon rank sum test");
  });

  it("ranks many distinct values (sort path) like a naive mid-rank count", () => {
    // 2 × 3000 values with 5000+ distinct values and some ties: the rank sum is checked
    // against rank(v) = #{u < v} + (#{u = v} + 1)/2 counted naively over the pooled sample.
    const x = Array.from({ length: 3000 }, (_, i) => Math.round(Math.sin(i) * 4000) / 7);
    const y = Array.from({ length: 3000 }, (_, i) => Math.round(Math.cos(i * 1.3) * 4000) / 7 + 20);
    const pooled = [...x, ...y].sort((p, q) => p - q);
    const rank = (v: number): number => {
      let lo = 0;
      while ((pooled[lo] as number) < v) lo++;
      let hi = lo;
      while (hi < pooled.length && pooled[hi] === v) hi++;
      return lo + (hi - lo + 1) / 2;
    };
    const rankSumX = x.reduce((sum, v) => sum + rank(v), 0);
    const result = mannWhitney(x, y);
    expect(result.W).toBe(rankSumX - (3000 * 3001) / 2);
    expect(result.ties).toBe(true);
  });

  it("returns null + warning for an empty group or all-equal values", () => {
    const empty = mannWhitney([], [1, 2]);
    expect(empty.pValue).toBeNull();
    expect(empty.warnings.length).toBe(1);
    const equal = mannWhitney([3, 3], [3, 3, 3]);
    expect(equal.pValue).toBeNull();
    expect(JSON.stringify(equal)).not.toMatch(/NaN|Infinity/);
  });

  it("throws a ServqualError for Infinity and a bad alternative", () => {
    expect(() => mannWhitney([1, Number.POSITIVE_INFINITY], [1])).toThrow(ServqualError);
    expect(() => mannWhitney([1], [2], { alternative: "bigger" as unknown as "less" })).toThrow(
      ServqualError,
    );
  });
});
