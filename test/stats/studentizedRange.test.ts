/**
 * The studentized range distribution against base R (test/fixtures/oracle/ptukey, made by
 * make_reference.R there): ptukey upper tails and qtukey quantiles over k = 2…10 and df from 2
 * to beyond 25 000 (where the range of normals itself is used), fractional df included.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gaussLegendre } from "../../src/stats/distributions/gaussLegendre";
import {
  studentizedRangeQuantile,
  studentizedRangeUpperTail,
} from "../../src/stats/distributions/studentizedRange";

const reference = JSON.parse(
  readFileSync(new URL("../fixtures/oracle/ptukey/reference.json", import.meta.url), "utf8"),
) as {
  upper: { q: number; k: number; df: number; upper: number }[];
  quantile: { p: number; k: number; df: number; q: number }[];
};

describe("studentizedRangeUpperTail (R ptukey, lower.tail = FALSE)", () => {
  it.each(reference.upper)("q $q, k $k, df $df", ({ q, k, df, upper }) => {
    const ours = studentizedRangeUpperTail(q, k, df) as number;
    // the same algorithm: agreement to rounding of the quadrature sums
    expect(Math.abs(ours - upper)).toBeLessThan(1e-12 + 1e-9 * upper);
  });

  it("is 1 at q ≤ 0, 0 at infinity, null for df < 2 or k < 2", () => {
    expect(studentizedRangeUpperTail(0, 3, 10)).toBe(1);
    expect(studentizedRangeUpperTail(-1, 3, 10)).toBe(1);
    expect(studentizedRangeUpperTail(Number.POSITIVE_INFINITY, 3, 10)).toBe(0);
    expect(studentizedRangeUpperTail(2, 3, 1.5)).toBe(null);
    expect(studentizedRangeUpperTail(2, 1, 10)).toBe(null);
  });

  it("falls as q grows (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 6, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        fc.double({ min: 2, max: 500, noNaN: true }),
        (q, step, k, df) => {
          const a = studentizedRangeUpperTail(q, k, df) as number;
          const b = studentizedRangeUpperTail(q + step, k, df) as number;
          return b <= a + 1e-12 && a >= 0 && a <= 1;
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("studentizedRangeQuantile (R qtukey)", () => {
  it.each(reference.quantile)("p $p, k $k, df $df", ({ p, k, df, q }) => {
    // R stops its secant search when two iterates differ by less than 1e-4
    expect(Math.abs(studentizedRangeQuantile(p, k, df) - q)).toBeLessThan(1e-4);
  });

  it("from the quantiles of nearby df (one per Games–Howell pair) still inverts the tail", () => {
    // the first search starts from R's approximation, the others from their neighbours in 1/df
    for (const df of [321.7, 300.2, 350.9, 410.4, 250.5, 333.3]) {
      const q = studentizedRangeQuantile(0.9, 3, df);
      expect(Math.abs((studentizedRangeUpperTail(q, 3, df) as number) - 0.1)).toBeLessThan(1e-7);
    }
  });

  it("inverts the upper tail", () => {
    const q = studentizedRangeQuantile(0.95, 4, 33.3);
    expect(studentizedRangeUpperTail(q, 4, 33.3)).toBeCloseTo(0.05, 6);
  });

  it("is NaN outside its domain and 0 at p = 0", () => {
    expect(studentizedRangeQuantile(1, 3, 10)).toBeNaN();
    expect(studentizedRangeQuantile(0.5, 3, 1)).toBeNaN();
    expect(studentizedRangeQuantile(0, 3, 10)).toBe(0);
  });
});

describe("gaussLegendre", () => {
  it("integrates polynomials of degree up to 2n − 1 exactly", () => {
    const { nodes, weights } = gaussLegendre(12);
    const integral = (f: (x: number) => number) =>
      nodes.reduce((sum, x, i) => sum + (weights[i] as number) * f(x), 0);
    expect(integral(() => 1)).toBeCloseTo(2, 14);
    expect(integral((x) => x ** 22)).toBeCloseTo(2 / 23, 14);
    expect(integral((x) => x ** 21)).toBeCloseTo(0, 14);
    // Abramowitz & Stegun table 25.4: the largest 12-point node
    expect(nodes[11]).toBeCloseTo(0.981560634246719, 14);
  });
});
