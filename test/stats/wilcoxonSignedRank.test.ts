import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { wilcoxonSignedRank } from "../../src/stats/wilcoxonSignedRank";
import { wilcoxonSignedRankFromCounts } from "../../src/stats/wilcoxonSignedRankFromCounts";
import {
  allItemIds,
  expectClose,
  integerSums,
  kioskColumn,
  kioskItems,
  type RWilcoxon,
  refDimension,
  refItem,
  refOverall,
} from "./kiosk";

const POINT = 1e-9;
const PVAL = 1e-6;

function expectMatchesR(result: ReturnType<typeof wilcoxonSignedRank>, ref: RWilcoxon): void {
  expectClose(result.V, ref.V, POINT);
  expectClose(result.pValue, ref.p_value, PVAL);
  expect(result.method).toBe(ref.method);
}

// R's ?wilcox.test example data (Hollander & Wolfe 1973, p. 29).
const depressionX = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const depressionY = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

describe("wilcoxonSignedRank", () => {
  it("matches wilcox.test(P, E, paired = TRUE, exact = FALSE, correct = TRUE) for all kiosk items", () => {
    for (const item of kioskItems.items) {
      const ref = refItem(item.item);
      const result = wilcoxonSignedRank(kioskColumn(item.P), kioskColumn(item.E), { exact: false });
      expectMatchesR(result, ref.wilcoxon);
      expect(result.nZero).toBe(ref.n_zero_diff);
      expect(result.n).toBe(ref.n_nonzero_diff);
      expect(result.zStatistic).not.toBeNull();
    }
  });

  it("matches R's default call (wilcoxon_default_args) for all kiosk items", () => {
    for (const item of kioskItems.items) {
      const ref = refItem(item.item).wilcoxon_default_args;
      const result = wilcoxonSignedRank(kioskColumn(item.P), kioskColumn(item.E));
      expectMatchesR(result, ref);
      expect(result.notes).toEqual(ref.notes);
    }
  });

  it("matches R on the integer sums of every dimension and of all items", () => {
    for (const dimension of kioskItems.dimension_order) {
      const ref = refDimension(dimension);
      const { E, P } = integerSums(kioskItems.dimensions[dimension] as readonly string[]);
      expectMatchesR(wilcoxonSignedRank(P, E, { exact: false }), ref.wilcoxon_on_integer_sums);
      expectMatchesR(wilcoxonSignedRank(P, E), ref.wilcoxon_default_args_on_integer_sums);
      expect(wilcoxonSignedRank(P, E).nZero).toBe(ref.n_zero_diff_integer_sums);
    }
    const { E, P } = integerSums(allItemIds);
    const ref = refOverall;
    expectMatchesR(wilcoxonSignedRank(P, E), ref.wilcoxon_default_args_on_integer_sums);
    // p = 1.85e-33: the normal tail keeps its relative precision.
    expectClose(wilcoxonSignedRank(P, E).pValue, ref.wilcoxon_on_integer_sums.p_value, PVAL);
  });

  it("compares differences exactly, as R: on mean scores it reproduces R's float-noise result", () => {
    // Oracle trap 4: rowMeans(P) - rowMeans(E) splits ties in the last bit; R's naive
    // `wilcoxon` entry differs from the integer-sum one, and so do we on the same doubles.
    for (const dimension of kioskItems.dimension_order) {
      const ids = kioskItems.dimensions[dimension] as readonly string[];
      const { E, P } = integerSums(ids);
      const k = ids.length;
      const result = wilcoxonSignedRank(
        P.map((v) => v / k),
        E.map((v) => v / k),
        { exact: false },
      );
      expectMatchesR(result, refDimension(dimension).wilcoxon);
    }
  });

  it("matches R's exact test on the ?wilcox.test example (V = 40)", () => {
    // R 4.2.2, wilcox.test(x, y, paired = TRUE, alternative = ...):
    // two.sided p = 0.0390625, greater 0.01953125, less 0.986328125 (exact test, n = 9).
    const two = wilcoxonSignedRank(depressionX, depressionY);
    expect(two.V).toBe(40);
    expect(two.exact).toBe(true);
    expect(two.method).toBe("Wilcoxon signed rank exact test");
    expect(two.zStatistic).toBeNull();
    expectClose(two.pValue, 0.0390625, PVAL);
    const greater = wilcoxonSignedRank(depressionX, depressionY, { alternative: "greater" });
    expectClose(greater.pValue, 0.01953125, PVAL);
    const less = wilcoxonSignedRank(depressionX, depressionY, { alternative: "less" });
    expectClose(less.pValue, 0.986328125, PVAL);
    // Rank-biserial by hand: T+ = 40, T- = 45 - 40 = 5, r = 35/45.
    expectClose(two.rankBiserial, 35 / 45, 1e-15);
  });

  it("matches R's normal approximation with and without continuity correction", () => {
    // wilcox.test(x, y, paired = TRUE, exact = FALSE): p = 0.044010984012951455;
    // correct = FALSE: 0.038151710173415156; alternative greater: 0.022005492006475728;
    // less: 0.9835153093778899.
    const base = { exact: false } as const;
    expectClose(
      wilcoxonSignedRank(depressionX, depressionY, base).pValue,
      0.044010984012951455,
      PVAL,
    );
    const raw = wilcoxonSignedRank(depressionX, depressionY, { ...base, correct: false });
    expectClose(raw.pValue, 0.038151710173415156, PVAL);
    expect(raw.method).toBe("Wilcoxon signed rank test");
    expectClose(
      wilcoxonSignedRank(depressionX, depressionY, { ...base, alternative: "greater" }).pValue,
      0.022005492006475728,
      PVAL,
    );
    expectClose(
      wilcoxonSignedRank(depressionX, depressionY, { ...base, alternative: "less" }).pValue,
      0.9835153093778899,
      PVAL,
    );
  });

  it("falls back to the normal approximation with R's notes when there are ties and zeros", () => {
    // d <- c(1,1,2,-1,0,3,-2,2,1,0,4); wilcox.test(d): V = 36.5, p = 0.10537146470912195, with
    // warnings "cannot compute exact p-value with ties" / "... with zeroes";
    // correct = FALSE: 0.09308805843495847; exact = TRUE, alternative = "less": 0.9590093846286898.
    const d = [1, 1, 2, -1, 0, 3, -2, 2, 1, 0, 4];
    const zeros = d.map(() => 0);
    const result = wilcoxonSignedRank(d, zeros);
    expect(result.V).toBe(36.5);
    expect(result.nZero).toBe(2);
    expect(result.ties).toBe(true);
    expect(result.exact).toBe(false);
    expectClose(result.pValue, 0.10537146470912195, PVAL);
    expect(result.notes).toEqual([
      "cannot compute exact p-value with ties",
      "cannot compute exact p-value with zeroes",
    ]);
    expectClose(wilcoxonSignedRank(d, zeros, { correct: false }).pValue, 0.09308805843495847, PVAL);
    const less = wilcoxonSignedRank(d, zeros, { exact: true, alternative: "less" });
    expectClose(less.pValue, 0.9590093846286898, PVAL);
    // exact = FALSE: no notes (R gives no warning then).
    expect(wilcoxonSignedRank(d, zeros, { exact: false }).notes).toEqual([]);
  });

  it("uses the exact distribution for n >= 50 only when asked (exact: true)", () => {
    // d <- (1:60) * ifelse((1:60) %% 3 == 0, -1, 1): wilcox.test(d, exact = TRUE): V = 1200,
    // p = 0.03556317378476649; default (normal, corrected): 0.03622649417878664;
    // exact, greater: 0.017781586892383246.
    const d = Array.from({ length: 60 }, (_, i) => (i + 1) * ((i + 1) % 3 === 0 ? -1 : 1));
    const zeros = d.map(() => 0);
    const exact = wilcoxonSignedRank(d, zeros, { exact: true });
    expect(exact.V).toBe(1200);
    expect(exact.exact).toBe(true);
    expectClose(exact.pValue, 0.03556317378476649, PVAL);
    const normal = wilcoxonSignedRank(d, zeros);
    expect(normal.exact).toBe(false);
    expectClose(normal.pValue, 0.03622649417878664, PVAL);
    expectClose(
      wilcoxonSignedRank(d, zeros, { exact: true, alternative: "greater" }).pValue,
      0.017781586892383246,
      PVAL,
    );
  });

  it("drops incomplete pairs, and returns null + warning when every difference is zero", () => {
    const result = wilcoxonSignedRank([1, null, 3], [2, 5, Number.NaN]);
    expect(result.missing).toBe(2);
    expect(result.n).toBe(1);
    for (const [x, y] of [
      [[], []],
      [
        [null, 2],
        [1, Number.NaN],
      ],
      [
        [2, 3],
        [2, 3],
      ],
    ] as const) {
      const empty = wilcoxonSignedRank(x, y);
      expect(empty.pValue).toBeNull();
      expect(empty.rankBiserial).toBeNull();
      expect(empty.warnings.length).toBe(1);
      expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("throws a ServqualError for unequal lengths, Infinity and a bad alternative", () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(ServqualError);
    expect(() => wilcoxonSignedRank([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(ServqualError);
    expect(() =>
      wilcoxonSignedRank([1, 2], [2, 1], { alternative: "up" as unknown as "less" }),
    ).toThrow(ServqualError);
  });

  it("rank-biserial is +1 when all differences are positive and in [-1, 1] always", () => {
    expect(wilcoxonSignedRank([3, 4, 5], [1, 1, 1]).rankBiserial).toBe(1);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 80 }),
        (d) => {
          const r = wilcoxonSignedRank(
            d,
            d.map(() => 0),
          );
          if (r.rankBiserial !== null) {
            expect(r.rankBiserial).toBeGreaterThanOrEqual(-1);
            expect(r.rankBiserial).toBeLessThanOrEqual(1);
            // V + T- = n'(n'+1)/2 (every rank goes to one side).
            expect(r.V + r.tMinus).toBe((r.n * (r.n + 1)) / 2);
          }
        },
      ),
    );
  });
});

describe("wilcoxonSignedRankFromCounts", () => {
  it("matches R for kiosk item K1 from its histogram of P1 − E1", () => {
    // Histogram counted from data.csv; R: V = 493.5, p = 8.294600586411851e-11.
    // By hand: |d| = 1 (41 neg + 9 pos) ranks 1..50 → 25.5; |d| = 2 (27 + 4) ranks 51..81 → 66;
    // V = 9·25.5 + 4·66 = 493.5.
    const counts = new Map([
      [-6, 1],
      [-4, 2],
      [-3, 7],
      [-2, 27],
      [-1, 41],
      [0, 116],
      [1, 9],
      [2, 4],
    ]);
    const result = wilcoxonSignedRankFromCounts(counts);
    const ref = refItem("K1").wilcoxon;
    expectMatchesR(result, ref);
    expect(result.V).toBe(493.5);
    expect(result.nZero).toBe(116);
    expect(result.n).toBe(91);
    const arrays = wilcoxonSignedRankFromCounts({
      values: [...counts.keys()],
      counts: [...counts.values()],
    });
    expect(arrays).toEqual(result);
  });

  it("equals the array version on random Likert differences (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })), {
          maxLength: 120,
        }),
        fc.constantFrom("two-sided", "less", "greater"),
        fc.boolean(),
        (pairs, alternative, correct) => {
          const x = pairs.map(([a]) => a);
          const y = pairs.map(([, b]) => b);
          const counts = new Map<number, number>();
          for (const [a, b] of pairs) counts.set(a - b, (counts.get(a - b) ?? 0) + 1);
          const options = { alternative, correct } as const;
          expect(wilcoxonSignedRankFromCounts(counts, options)).toEqual(
            wilcoxonSignedRank(x, y, options),
          );
        },
      ),
    );
  });

  it("ignores zero counts and rejects bad histograms", () => {
    const a = wilcoxonSignedRankFromCounts(
      new Map([
        [1, 3],
        [2, 0],
        [-1, 1],
      ]),
    );
    const b = wilcoxonSignedRankFromCounts(
      new Map([
        [1, 3],
        [-1, 1],
      ]),
    );
    expect(a).toEqual(b);
    expect(() => wilcoxonSignedRankFromCounts(new Map([[1, -1]]))).toThrow(ServqualError);
    expect(() => wilcoxonSignedRankFromCounts(new Map([[1, 1.5]]))).toThrow(ServqualError);
    expect(() => wilcoxonSignedRankFromCounts(new Map([[Number.NaN, 1]]))).toThrow(ServqualError);
    expect(() => wilcoxonSignedRankFromCounts({ values: [1, 2], counts: [1] })).toThrow(
      ServqualError,
    );
  });

  it("gives the same result when the array version sorts (> 4096 distinct differences)", () => {
    // 6000 pairs with 4500 distinct |d| values, ties, both signs and zeros: the array version
    // switches from counting to sorting; the counts version always counts.
    const d = Array.from({ length: 6000 }, (_, i) => (i % 3 === 0 ? -1 : 1) * Math.floor(i * 0.75));
    const counts = new Map<number, number>();
    for (const value of d) counts.set(value, (counts.get(value) ?? 0) + 1);
    expect(
      wilcoxonSignedRank(
        d,
        d.map(() => 0),
      ),
    ).toEqual(wilcoxonSignedRankFromCounts(counts));
  });

  it("handles a million pairs in a few distinct values without trouble", () => {
    // 1,000,000 differences: 400k at -1, 300k at 0, 200k at +1, 100k at +2.
    // Non-zero n' = 700000; |d| = 1: 600000 values, ranks 1..600000 → average 300000.5;
    // |d| = 2: ranks 600001..700000 → average 650000.5.
    // V = 200000·300000.5 + 100000·650000.5 = 60000100000 + 65000050000 = 125000150000.
    const result = wilcoxonSignedRankFromCounts(
      new Map([
        [-1, 400000],
        [0, 300000],
        [1, 200000],
        [2, 100000],
      ]),
    );
    expect(result.V).toBe(125000150000);
    expect(result.n).toBe(700000);
    expect(result.pValue).not.toBeNull();
  });
});
