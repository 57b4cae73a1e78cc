import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { kruskalWallis } from "../../src/stats/kruskalWallis";
import {
  allItemIds,
  expectClose,
  kioskItems,
  kioskText,
  refManyGroups,
  splitBy,
  sumGapScores,
} from "./kiosk";

const scores: Record<string, readonly string[]> = { overall: allItemIds, ...kioskItems.dimensions };

describe("kruskalWallis", () => {
  it("matches kruskal.test(sum(P) - sum(E) ~ kiosk_use_frequency) for every score", () => {
    const frequency = kioskText("kiosk_use_frequency");
    for (const [name, ids] of Object.entries(scores)) {
      const ref = refManyGroups(name).kruskal_wallis_on_integer_sums;
      const result = kruskalWallis(splitBy(sumGapScores(ids), frequency));
      expectClose(result.H, ref.chi_squared, 1e-9);
      expect(result.df).toBe(ref.df);
      expectClose(result.pValue, ref.p_value, 1e-6);
    }
  });

  it("is hand-checkable without ties and matches R with ties and a group of one", () => {
    // 1..9 in three groups of three: rank sums 6, 15, 24; H = 12/(9·10)·(36 + 225 + 576)/3 − 30
    // = 12·279/90 − 30 = 7.2; R: kruskal.test(list(1:3, 4:6, 7:9)) p = 0.02732372244729252.
    const plain = kruskalWallis({ a: [1, 2, 3], b: [4, 5, 6], c: [7, 8, 9] });
    expectClose(plain.H, 7.2, 1e-12);
    expectClose(plain.pValue, 0.02732372244729252, 1e-6);
    expect(plain.meanRanks).toEqual([2, 5, 8]);
    // kruskal.test(list(a = c(1,2,2,3), b = 3, c = c(2,4,4,5,5))): 4.626740506329121,
    // p = 0.09892727911442546
    const tied = kruskalWallis({ a: [1, 2, 2, 3], b: [3], c: [2, 4, 4, 5, 5] });
    expectClose(tied.H, 4.626740506329121, 1e-9);
    expectClose(tied.pValue, 0.09892727911442546, 1e-6);
  });

  it("ranks many distinct values (sort path) like a naive mid-rank count", () => {
    // Three groups, 6000 values, > 4096 distinct with ties: H from the textbook formula with
    // ranks counted naively over the sorted pooled sample.
    const groups = [0, 1, 2].map((g) =>
      Array.from({ length: 2000 }, (_, i) => Math.round(Math.sin(i * (1 + g / 10)) * 3000) / 3 + g),
    );
    const pooled = groups.flat().sort((p, q) => p - q);
    const n = pooled.length;
    const rank = (v: number): number => {
      const lo = pooled.indexOf(v);
      const hi = pooled.lastIndexOf(v) + 1;
      return lo + (hi - lo + 1) / 2;
    };
    let sum = 0;
    for (const group of groups) sum += group.reduce((s, v) => s + rank(v), 0) ** 2 / group.length;
    const tieCounts = new Map<number, number>();
    for (const v of pooled) tieCounts.set(v, (tieCounts.get(v) ?? 0) + 1);
    let tieSum = 0;
    for (const t of tieCounts.values()) tieSum += t ** 3 - t;
    const H = ((12 * sum) / (n * (n + 1)) - 3 * (n + 1)) / (1 - tieSum / (n ** 3 - n));
    const result = kruskalWallis({ a: groups[0] ?? [], b: groups[1] ?? [], c: groups[2] ?? [] });
    expectClose(result.H, H, 1e-9);
  });

  it("drops empty groups with a warning; null + warning when the test is undefined", () => {
    const dropped = kruskalWallis({ a: [1, 2, 3], b: [], c: [7, 8, 9] });
    expect(dropped.df).toBe(1);
    expect(dropped.warnings.length).toBe(1);
    const oneGroup = kruskalWallis({ a: [1, 2, 3], b: [null] });
    expect(oneGroup.H).toBeNull();
    const equal = kruskalWallis({ a: [2, 2], b: [2, 2, 2] });
    expect(equal.H).toBeNull();
    expect(equal.warnings.length).toBe(1);
    expect(JSON.stringify(equal)).not.toMatch(/NaN|Infinity/);
  });

  it("throws a ServqualError for fewer than two groups and Infinity", () => {
    expect(() => kruskalWallis({ a: [1, 2] })).toThrow(ServqualError);
    expect(() => kruskalWallis({ a: [1, 2], b: [Number.NEGATIVE_INFINITY] })).toThrow(
      ServqualError,
    );
  });
});
