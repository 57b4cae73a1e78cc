import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { oneWayAnova } from "../../src/stats/oneWayAnova";
import {
  allItemIds,
  expectClose,
  kioskItems,
  kioskText,
  meanGapScores,
  refManyGroups,
  splitBy,
} from "./kiosk";

const scores: Record<string, readonly string[]> = { overall: allItemIds, ...kioskItems.dimensions };

describe("oneWayAnova", () => {
  it("matches oneway.test(score ~ kiosk_use_frequency, var.equal = TRUE) for every score", () => {
    const frequency = kioskText("kiosk_use_frequency");
    for (const [name, ids] of Object.entries(scores)) {
      const ref = refManyGroups(name);
      const result = oneWayAnova(splitBy(meanGapScores(ids), frequency));
      expectClose(result.F, ref.anova.F, 1e-9);
      expect(result.df1).toBe(ref.anova.df1);
      expect(result.df2).toBe(ref.anova.df2);
      expectClose(result.pValue, ref.anova.p_value, 1e-6);
      expect(result.groups.map((g) => g.name)).toEqual(ref.levels);
      result.groups.forEach((group) => {
        expect(group.n).toBe(ref.groups[group.name]?.n);
        expectClose(group.mean, ref.groups[group.name]?.mean, 1e-9);
        expectClose(group.sd, ref.groups[group.name]?.sd, 1e-9);
      });
    }
  });

  it("accepts an array of { name, values } and matches R on small data", () => {
    // y <- c(1,2,2,3, 5,2,4,4,5,5, 3.5,2.5); g <- rep(c("a","b","c"), c(4,6,2));
    // oneway.test(y ~ g, var.equal = TRUE): F = 5.5044642857142865, df = 2, 9, p = 0.027452635265091393
    const result = oneWayAnova([
      { name: "a", values: [1, 2, 2, 3] },
      { name: "b", values: [5, 2, 4, 4, 5, 5] },
      { name: "c", values: [3.5, 2.5] },
    ]);
    expectClose(result.F, 5.5044642857142865, 1e-9);
    expect([result.df1, result.df2]).toEqual([2, 9]);
    expectClose(result.pValue, 0.027452635265091393, 1e-6);
    // By hand for {1,2,3}, {2,3,4}, {5,6,7}: means 2, 3, 6, grand 11/3;
    // SSB = 3·(25/9 + 4/9 + 49/9) = 26, SSW = 6 → F = (26/2)/(6/6) = 13.
    expect(oneWayAnova({ a: [1, 2, 3], b: [2, 3, 4], c: [5, 6, 7] }).F).toBeCloseTo(13, 12);
  });

  it("returns null + warning for groups with n < 2 (oracle trap 9: kiosk age groups)", () => {
    const age = kioskText("age_group");
    const result = oneWayAnova(splitBy(meanGapScores(allItemIds), age));
    expect(result.F).toBeNull();
    expect(result.pValue).toBeNull();
    expect(result.warnings.length).toBe(1);
    expect(result.warnings[0]?.message).toMatch(/n = 1/);
    expect(result.groups.some((group) => group.n === 1)).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("returns null + warning for zero within-group variance and all-missing groups", () => {
    expect(oneWayAnova({ a: [1, 1], b: [2, 2] }).F).toBeNull();
    expect(oneWayAnova({ a: [null, Number.NaN], b: [2, 3] }).warnings.length).toBe(1);
  });

  it("throws a ServqualError for fewer than two groups, duplicates and Infinity", () => {
    expect(() => oneWayAnova({ a: [1, 2, 3] })).toThrow(ServqualError);
    expect(() =>
      oneWayAnova([
        { name: "a", values: [1, 2] },
        { name: "a", values: [3, 4] },
      ]),
    ).toThrow(ServqualError);
    expect(() => oneWayAnova({ a: [1, 2], b: [1, Number.POSITIVE_INFINITY] })).toThrow(
      ServqualError,
    );
  });
});
