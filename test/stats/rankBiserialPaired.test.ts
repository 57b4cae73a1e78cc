import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { rankBiserialPaired } from "../../src/stats/rankBiserialPaired";
import { expectClose, kioskColumn } from "./kiosk";

describe("rankBiserialPaired", () => {
  it("is (T+ − T−)/(T+ + T−) (hand-worked on R's ?wilcox.test data)", () => {
    // R: wilcox.test(x, y, paired = TRUE)$statistic = 40 = T+; n = 9, T+ + T− = 45, T− = 5;
    // r = (40 − 5)/45 = 0.7777…
    const result = rankBiserialPaired(
      [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3],
      [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29],
    );
    expect(result.tPlus).toBe(40);
    expect(result.tMinus).toBe(5);
    expectClose(result.r, 35 / 45, 1e-15);
  });

  it("follows from the oracle's V for kiosk item K1", () => {
    // V = 493.5, n' = 91: T+ + T− = 91·92/2 = 4186; r = (2·493.5 − 4186)/4186.
    const result = rankBiserialPaired(kioskColumn("P1"), kioskColumn("E1"));
    expectClose(result.r, (2 * 493.5 - 4186) / 4186, 1e-12);
    expect(result.nZero).toBe(116);
  });

  it("returns null + warning when every difference is zero or no pair is complete", () => {
    for (const [x, y] of [
      [
        [1, 2],
        [1, 2],
      ],
      [[], []],
      [[null], [1]],
    ] as const) {
      const result = rankBiserialPaired(x, y);
      expect(result.r).toBeNull();
      expect(result.warnings.length).toBe(1);
    }
    // A single non-zero pair: r = ±1.
    expect(rankBiserialPaired([2], [1]).r).toBe(1);
  });

  it("throws a ServqualError for unequal lengths and Infinity", () => {
    expect(() => rankBiserialPaired([1, 2], [1])).toThrow(ServqualError);
    expect(() => rankBiserialPaired([1, Number.NEGATIVE_INFINITY], [1, 2])).toThrow(ServqualError);
  });
});
