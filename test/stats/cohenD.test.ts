import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { cohenD } from "../../src/stats/cohenD";
import {
  allItemIds,
  expectClose,
  kioskItems,
  kioskText,
  meanGapScores,
  refTwoGroups,
  splitBy,
} from "./kiosk";

const Z975 = 1.959963984540054; // qnorm(0.975) in R

describe("cohenD", () => {
  it("matches the oracle's cohen_d_pooled (F vs M) for the overall and dimension gaps", () => {
    const sex = kioskText("sex");
    const scores: Record<string, readonly string[]> = {
      overall: allItemIds,
      ...kioskItems.dimensions,
    };
    for (const [name, ids] of Object.entries(scores)) {
      const groups = splitBy(meanGapScores(ids), sex);
      const result = cohenD(groups.F as number[], groups.M as number[]);
      const ref = refTwoGroups(name);
      expectClose(result.d, ref.cohen_d_pooled, 1e-9);
      expect(result.n1).toBe(ref.groups.F?.n);
      expect(result.n2).toBe(ref.groups.M?.n);
    }
  });

  it("is hand-checkable on a small case", () => {
    // x = 2, 4, 6 (mean 4, SS 8); y = 1, 3, 5, 7 (mean 4, SS 20); sp = sqrt(28/5) → d = 0.
    // x = 3, 5, 7 (mean 5, SS 8): d = 1/sqrt(5.6) = 0.42258…;
    // se = sqrt(7/12 + d²/14).
    expect(cohenD([2, 4, 6], [1, 3, 5, 7]).d).toBe(0);
    const result = cohenD([3, 5, 7], [1, 3, 5, 7]);
    expectClose(result.pooledSd, Math.sqrt(5.6), 1e-15);
    expectClose(result.d, 1 / Math.sqrt(5.6), 1e-15);
    const se = Math.sqrt(7 / 12 + 1 / 5.6 / 14);
    expectClose(result.ci.upper, 1 / Math.sqrt(5.6) + Z975 * se, 1e-9);
  });

  it("returns null + warning for empty groups and zero pooled SD; throws on Infinity", () => {
    expect(cohenD([], [1, 2, 3]).d).toBeNull();
    expect(cohenD([1], [2]).d).toBeNull();
    const flat = cohenD([2, 2], [3, 3]);
    expect(flat.d).toBeNull();
    expect(flat.warnings.length).toBe(1);
    expect(() => cohenD([1, Number.NaN, Number.POSITIVE_INFINITY], [1, 2])).toThrow(ServqualError);
  });
});
