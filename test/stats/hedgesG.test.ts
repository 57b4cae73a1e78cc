/**
 * Hedges' g (internal to gap1): g = J·d with J = 1 − 3/(4·df − 1). Two groups: d is Cohen's d of
 * the library's independent cohenD (pooled SD); one fixed value: d = (m − x̄)/s. Checked on a
 * hand-worked example and as a property against cohenD.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohenD } from "../../src/stats/cohenD";
import { hedgesG } from "../../src/stats/hedgesG";
import { meanVariance } from "../../src/stats/moments";

describe("hedgesG", () => {
  it("hand-worked: means 5 and 6, SDs 1, n = 10 each: d = 1, df = 18, J = 1 − 3/71", () => {
    const result = hedgesG(0.95, 5, 1, 10, 6, 1, 10);
    expect(result.g).toBeCloseTo(68 / 71, 14);
    const se = Math.sqrt(20 / 100 + (68 / 71) ** 2 / 40);
    expect(result.ci.lower).toBeCloseTo(68 / 71 - 1.959963984540054 * se, 12);
    expect(result.ci.method).toBe("normal-approximation");
  });

  it("one fixed value: d = (m − x̄)/s, df = n − 1, Var ≈ 1/n + g²/(2n)", () => {
    const result = hedgesG(0.95, 5, 2, 9, 6, 0, 1);
    const j = 1 - 3 / 31;
    expect(result.g).toBeCloseTo(j * 0.5, 14);
    const se = Math.sqrt(1 / 9 + (j * 0.5) ** 2 / 18);
    expect(result.ci.upper).toBeCloseTo(j * 0.5 + 1.959963984540054 * se, 12);
  });

  it("undefined with too few degrees of freedom or no spread", () => {
    expect(hedgesG(0.95, 5, 1, 2, 6, 0, 1).warnings[0]?.code).toBe("too-few-values");
    expect(hedgesG(0.95, 5, 0, 5, 6, 0, 5).warnings[0]?.code).toBe("zero-variance");
    expect(hedgesG(0.95, 5, 0, 5, 6, 0, 5).g).toBeNull();
  });

  it("property: g / J equals cohenD(managers, customers).d", () => {
    const group = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(group, group, (c, m) => {
        const d = cohenD(m, c).d;
        const a = meanVariance(c);
        const b = meanVariance(m);
        const result = hedgesG(
          0.95,
          a.mean,
          Math.sqrt(a.variance),
          c.length,
          b.mean,
          Math.sqrt(b.variance),
          m.length,
        );
        if (d === null) {
          expect(result.g).toBeNull();
          return;
        }
        expect(result.correction).not.toBeNull();
        expect((result.g as number) / (result.correction as number)).toBeCloseTo(d, 10);
      }),
      { numRuns: 200 },
    );
  });
});
