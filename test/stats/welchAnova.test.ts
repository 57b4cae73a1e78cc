import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { welchAnova } from "../../src/stats/welchAnova";
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

describe("welchAnova", () => {
  it("matches oneway.test(score ~ kiosk_use_frequency, var.equal = FALSE) for every score", () => {
    const frequency = kioskText("kiosk_use_frequency");
    for (const [name, ids] of Object.entries(scores)) {
      const ref = refManyGroups(name).welch_anova;
      const result = welchAnova(splitBy(meanGapScores(ids), frequency));
      expectClose(result.F, ref.F, 1e-9);
      expect(result.df1).toBe(ref.df1);
      expectClose(result.df2, ref.df2, 1e-9);
      expectClose(result.pValue, ref.p_value, 1e-6);
    }
  });

  it("matches R on small data", () => {
    // oneway.test(y ~ g, var.equal = FALSE) with y, g as in the oneWayAnova test:
    // F = 5.039718071317661, df = 2, 3.6468209485296437, p = 0.0892023324152759
    const result = welchAnova({ a: [1, 2, 2, 3], b: [5, 2, 4, 4, 5, 5], c: [3.5, 2.5] });
    expectClose(result.F, 5.039718071317661, 1e-9);
    expectClose(result.df2, 3.6468209485296437, 1e-9);
    expectClose(result.pValue, 0.0892023324152759, 1e-6);
    expect(result.method).toBe("One-way analysis of means (not assuming equal variances)");
  });

  it("returns null + warning for small groups and zero-variance groups", () => {
    const age = welchAnova(splitBy(meanGapScores(allItemIds), kioskText("age_group")));
    expect(age.F).toBeNull();
    expect(age.warnings.length).toBe(1);
    const flat = welchAnova({ a: [1, 1, 1], b: [2, 3, 4] });
    expect(flat.F).toBeNull();
    expect(flat.warnings[0]?.message).toMatch(/variance 0/);
    expect(JSON.stringify(flat)).not.toMatch(/NaN|Infinity/);
  });

  it("throws a ServqualError for fewer than two groups", () => {
    expect(() => welchAnova([{ name: "only", values: [1, 2, 3] }])).toThrow(ServqualError);
  });
});
