import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { meanCI } from "../../src/stats/meanCI";
import { expectClose, kioskColumn, refItem } from "./kiosk";

describe("meanCI", () => {
  it("matches t.test(1:5)$conf.int", () => {
    // R 4.2.2: t.test(1:5)$conf.int = 1.036757 4.963243 (printed to 7 digits); by hand
    // 3 ± qt(.975, 4)·sqrt(2.5)/sqrt(5) = 3 ± 2.776445·0.7071068 = 3 ± 1.963243.
    const ci = meanCI([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.df).toBe(4);
    expectClose(ci.lower, 1.036757, 1e-6);
    expectClose(ci.upper, 4.963243, 1e-6);
  });

  it("matches the kiosk paired t interval of item K1 (a one-sample CI of P1 − E1)", () => {
    const p = kioskColumn("P1");
    const e = kioskColumn("E1");
    const ref = refItem("K1").t_test;
    const ci = meanCI(p.map((v, i) => v - (e[i] as number)));
    expectClose(ci.mean, ref.mean_difference, 1e-9);
    expectClose(ci.se, ref.stderr, 1e-9);
    expectClose(ci.lower, ref.conf_low, 1e-6);
    expectClose(ci.upper, ref.conf_high, 1e-6);
  });

  it("narrows as the level falls", () => {
    const a = meanCI([2, 4, 4, 5, 7, 9], 0.99);
    const b = meanCI([2, 4, 4, 5, 7, 9], 0.8);
    expect((a.upper as number) - (a.lower as number)).toBeGreaterThan(
      (b.upper as number) - (b.lower as number),
    );
  });

  it("returns null bounds with a warning for n < 2, empty input and constant data", () => {
    for (const input of [[], [null], [3], [2, 2, 2]]) {
      const ci = meanCI(input);
      expect(ci.lower).toBeNull();
      expect(ci.upper).toBeNull();
      expect(ci.warnings.length).toBe(1);
      expect(JSON.stringify(ci)).not.toMatch(/NaN|Infinity/);
    }
    expect(meanCI([3]).mean).toBe(3);
  });

  it("throws a ServqualError for Infinity and a bad level", () => {
    expect(() => meanCI([1, Number.NEGATIVE_INFINITY])).toThrow(ServqualError);
    expect(() => meanCI([1, 2, 3], 1)).toThrow(ServqualError);
    expect(() => meanCI([1, 2, 3], 0)).toThrow(ServqualError);
  });
});
