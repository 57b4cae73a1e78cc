import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { cohenDz, cohenDzFromSummary } from "../../src/stats/cohenDz";
import { expectClose, kioskColumn, kioskItems, refItem, refOverall } from "./kiosk";

const Z975 = 1.959963984540054; // qnorm(0.975) in R

describe("cohenDz", () => {
  it("matches the oracle's cohen_dz = mean(d)/sd(d) for all kiosk items", () => {
    for (const item of kioskItems.items) {
      const result = cohenDz(kioskColumn(item.P), kioskColumn(item.E));
      expectClose(result.dz, refItem(item.item).cohen_dz, 1e-9);
    }
  });

  it("gives the normal-approximation interval (hand-worked for K1)", () => {
    // dz = -0.5022941849476034 (oracle), n = 207:
    // se = sqrt(1/207 + dz²/414) = sqrt(0.0048309179 + 0.0006094269) = 0.0737589…;
    // CI = dz ± 1.959964·se = (-0.64686…, -0.35773…).
    const dz = refItem("K1").cohen_dz as number;
    const se = Math.sqrt(1 / 207 + (dz * dz) / 414);
    const result = cohenDz(kioskColumn("P1"), kioskColumn("E1"));
    expectClose(result.se, se, 1e-9);
    expectClose(result.ci.lower, dz - Z975 * se, 1e-9);
    expectClose(result.ci.upper, dz + Z975 * se, 1e-9);
    expect(result.ci.lower).toBeCloseTo(-0.64686, 4);
    expect(result.ci.upper).toBeCloseTo(-0.35773, 4);
  });

  it("stays within 0.001 of the exact noncentral-t interval at n = 207 (K1)", () => {
    // R 4.2.2, inverting pt(t, df, ncp) with uniroot for t = dz·sqrt(207), df = 206:
    //   ci_nct <- function(dz, n, a = .025) { t <- dz * sqrt(n)
    //     c(uniroot(function(ncp) pt(t, n - 1, ncp) - (1 - a), c(-50, 50))$root,
    //       uniroot(function(ncp) pt(t, n - 1, ncp) - a, c(-50, 50))$root) / sqrt(n) }
    //   ci_nct(-0.5022941849476034, 207) = -0.6463445, -0.3571560
    const result = cohenDz(kioskColumn("P1"), kioskColumn("E1"));
    expect(Math.abs((result.ci.lower as number) - -0.6463445)).toBeLessThan(0.001);
    expect(Math.abs((result.ci.upper as number) - -0.357156)).toBeLessThan(0.001);
  });

  it("from a summary equals the oracle; the array version is hand-checkable", () => {
    const ref = refOverall;
    const fromSummary = cohenDzFromSummary({ n: ref.n, mean: ref.mean_gap, sd: ref.sd_gap });
    expectClose(fromSummary.dz, ref.cohen_dz, 1e-9);
    const hand = cohenDz([5, 6, 7, 4], [6, 6, 5, 2]);
    // d = -1, 0, 2, 2: mean 0.75, sd 1.5 → dz = 0.5; se = sqrt(1/4 + 0.25/8) = sqrt(0.28125).
    expect(hand.dz).toBe(0.5);
    expectClose(hand.se, Math.sqrt(0.28125), 1e-15);
  });

  it("returns null + warning for n < 2 and constant differences; throws on bad input", () => {
    for (const [x, y] of [
      [[1], [2]],
      [[], []],
      [
        [3, 4],
        [2, 3],
      ],
    ] as const) {
      const result = cohenDz(x, y);
      expect(result.dz).toBeNull();
      expect(result.ci.lower).toBeNull();
      expect(result.warnings.length).toBe(1);
    }
    expect(() => cohenDz([1, 2], [1])).toThrow(ServqualError);
    expect(() => cohenDz([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(ServqualError);
    expect(() => cohenDzFromSummary({ n: 5, mean: 1, sd: Number.NaN })).toThrow(ServqualError);
  });
});
