import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  accumulateItemColumns,
  createItemCovarianceAccumulator,
  type ItemCovarianceAccumulator,
  itemCovariance,
} from "../../src/psychometrics";
import {
  accumulatePairedIntegerColumns,
  pairedIntegerPatternsFit,
} from "../../src/psychometrics/accumulatePairedIntegerColumns";

type Column = Float32Array | Float64Array;

function three(k: number) {
  const names = Array.from({ length: k }, (_, i) => `q${i + 1}`);
  const make = () => createItemCovarianceAccumulator(k, { itemNames: names });
  return { e: make(), p: make(), g: make() };
}

/** The general path: three passes, one per facet, with the gap read as P − E. */
function general(
  acc: ReturnType<typeof three>,
  eColumns: readonly Column[],
  pColumns: readonly Column[],
) {
  accumulateItemColumns(acc.e, eColumns);
  accumulateItemColumns(acc.p, pColumns);
  accumulateItemColumns(acc.g, pColumns, { subtract: eColumns });
}

/** The running sums as plain numbers (−0 read as 0), for an exact comparison. */
function sums(acc: ItemCovarianceAccumulator) {
  const plain = (value: unknown): unknown =>
    ArrayBuffer.isView(value)
      ? Array.from(value as Float64Array, (x) => x + 0)
      : typeof value === "number"
        ? value + 0
        : value;
  return Object.fromEntries(Object.entries(acc.state).map(([key, value]) => [key, plain(value)]));
}

function expectSameSums(a: ReturnType<typeof three>, b: ReturnType<typeof three>) {
  expect(sums(a.e)).toEqual(sums(b.e));
  expect(sums(a.p)).toEqual(sums(b.p));
  expect(sums(a.g)).toEqual(sums(b.g));
}

/**
 * Random small-integer answers on min…max with missing answers (NaN), and now and then a value
 * off the grid (a half point, or a point beyond the scale), as typed columns.
 */
const survey = fc
  .record({
    k: fc.integer({ min: 1, max: 5 }),
    min: fc.integer({ min: -3, max: 3 }),
    width: fc.integer({ min: 0, max: 6 }),
    n: fc.integer({ min: 0, max: 80 }),
    float32: fc.boolean(),
    missingShare: fc.constantFrom(0, 0.05, 0.3, 0.9),
    offGridShare: fc.constantFrom(0, 0, 0.03),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  .filter(({ k, min, width }) => pairedIntegerPatternsFit(k, min, min + width))
  .map((spec) => {
    let state = spec.seed;
    const random = () => {
      state = (Math.imul(state, 48271) >>> 0) % 2147483647;
      return state / 2147483647;
    };
    const value = () => {
      const u = random();
      if (u < spec.missingShare) return Number.NaN;
      if (random() < spec.offGridShare) {
        return random() < 0.5
          ? spec.min + 0.5
          : spec.min + spec.width + 1 + Math.floor(random() * 3);
      }
      return spec.min + Math.floor(random() * (spec.width + 1));
    };
    const column = (): Column => {
      const values = Array.from({ length: spec.n }, value);
      return spec.float32 ? Float32Array.from(values) : Float64Array.from(values);
    };
    const eColumns = Array.from({ length: spec.k }, column);
    const pColumns = Array.from({ length: spec.k }, column);
    return { ...spec, max: spec.min + spec.width, eColumns, pColumns };
  });

describe("accumulatePairedIntegerColumns (answer patterns counted)", () => {
  it("a hand-worked example: covariances of E, P and P − E", () => {
    const acc = three(2);
    const e = [Float32Array.of(1, 2, 3), Float32Array.of(2, 2, 4)];
    const p = [Float32Array.of(3, 3, 3), Float32Array.of(1, 4, 4)];
    expect(accumulatePairedIntegerColumns(acc.e, acc.p, acc.g, e, p, { min: 1, max: 7 })).toBe(
      true,
    );
    // E1 = 1,2,3; E2 = 2,2,4: var 1 and 4/3, cov (−1·−2/3 + 0 + 1·4/3)/2 = 1.
    const ce = itemCovariance(acc.e).covariance;
    expect(ce[0]?.[0]).toBeCloseTo(1, 14);
    expect(ce[1]?.[1]).toBeCloseTo(4 / 3, 14);
    expect(ce[0]?.[1]).toBeCloseTo(1, 14);
    // P1 constant: var 0, cov 0; P2 = 1,4,4: var (4 + 1 + 1)/2 = 3.
    const cp = itemCovariance(acc.p).covariance;
    expect(cp[0]?.[0]).toBe(0);
    expect(cp[0]?.[1]).toBe(0);
    expect(cp[1]?.[1]).toBeCloseTo(3, 14);
    // G1 = 2,1,0; G2 = −1,2,0: var 1 and 7/3, cov (1·−4/3 + 0 + −1·−1/3)/2 = −1/2.
    const cg = itemCovariance(acc.g).covariance;
    expect(cg[0]?.[0]).toBeCloseTo(1, 14);
    expect(cg[1]?.[1]).toBeCloseTo(7 / 3, 14);
    expect(cg[0]?.[1]).toBeCloseTo(-0.5, 14);
    const means = itemCovariance(acc.g).means;
    expect(means[0]).toBeCloseTo(1, 14);
    expect(means[1]).toBeCloseTo(1 / 3, 14);
  });

  it("equals the general path exactly on random small-integer data with missing answers", () => {
    fc.assert(
      fc.property(survey, ({ k, min, max, eColumns, pColumns }) => {
        const fast = three(k);
        const slow = three(k);
        expect(
          accumulatePairedIntegerColumns(fast.e, fast.p, fast.g, eColumns, pColumns, { min, max }),
        ).toBe(true);
        general(slow, eColumns, pColumns);
        expectSameSums(fast, slow);
        expect(itemCovariance(fast.g)).toEqual(itemCovariance(slow.g));
      }),
      { numRuns: 300 },
    );
  });

  it("equals the general path chunk after chunk (the count tables start empty every call)", () => {
    fc.assert(
      fc.property(survey, fc.double({ min: 0, max: 1, noNaN: true }), (whole, at) => {
        const cut = Math.floor(at * whole.n);
        const parts = [0, 1].map((half) => {
          const piece = (c: Column) => (half === 0 ? c.slice(0, cut) : c.slice(cut));
          return { eColumns: whole.eColumns.map(piece), pColumns: whole.pColumns.map(piece) };
        });
        const fast = three(whole.k);
        const slow = three(whole.k);
        for (const part of parts) {
          expect(
            accumulatePairedIntegerColumns(
              fast.e,
              fast.p,
              fast.g,
              part.eColumns,
              part.pColumns,
              whole,
            ),
          ).toBe(true);
          general(slow, part.eColumns, part.pColumns);
        }
        expectSameSums(fast, slow);
      }),
      { numRuns: 150 },
    );
  });

  it("counts every row: n rows = complete + partial + empty, per facet", () => {
    fc.assert(
      fc.property(survey, ({ k, min, max, n, eColumns, pColumns }) => {
        const acc = three(k);
        accumulatePairedIntegerColumns(acc.e, acc.p, acc.g, eColumns, pColumns, { min, max });
        for (const a of [acc.e, acc.p, acc.g]) {
          expect(a.state.nRows).toBe(n);
          expect(a.state.nComplete + a.state.pScoreN + a.state.nEmpty).toBe(n);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("declines what it cannot count, adding nothing", () => {
    const columns = (k: number) => Array.from({ length: k }, () => Float64Array.of(1, 2, 3));
    const declined = (k: number, scale: { min: number; max: number }, e: Column[] = columns(k)) => {
      const acc = three(k);
      const added = accumulatePairedIntegerColumns(acc.e, acc.p, acc.g, e, columns(k), scale);
      expect(acc.e.state.nRows + acc.p.state.nRows + acc.g.state.nRows).toBe(0);
      return added;
    };
    // 13⁶ = 4,826,809 gap patterns on 1…7 with six items; at most five items are written out.
    expect(declined(6, { min: 1, max: 7 })).toBe(false);
    expect(declined(2, { min: 0.5, max: 7 })).toBe(false);
    expect(declined(2, { min: 7, max: 1 })).toBe(false);
    // 2·100 + 1 = 201 gap values: 201³ > 2¹⁹.
    expect(declined(3, { min: 0, max: 100 })).toBe(false);
    // Plain arrays and columns of unequal length are left to the general path.
    expect(
      declined(2, { min: 1, max: 7 }, [
        [1, 2, 3],
        [1, 2, 3],
      ] as unknown as Column[]),
    ).toBe(false);
    expect(declined(2, { min: 1, max: 7 }, [Float64Array.of(1, 2), Float64Array.of(1, 2)])).toBe(
      false,
    );
  });

  it("pairedIntegerPatternsFit: (2·(max − min) + 1)^k ≤ 2¹⁹ and k ≤ 5", () => {
    expect(pairedIntegerPatternsFit(5, 1, 7)).toBe(true); // 13⁵ = 371,293
    expect(pairedIntegerPatternsFit(5, 1, 5)).toBe(true); // 9⁵ = 59,049
    expect(pairedIntegerPatternsFit(5, 0, 10)).toBe(false); // 21⁵ = 4,084,101
    expect(pairedIntegerPatternsFit(4, 0, 10)).toBe(true); // 21⁴ = 194,481
    expect(pairedIntegerPatternsFit(6, 1, 2)).toBe(false); // six items
    expect(pairedIntegerPatternsFit(0, 1, 7)).toBe(false);
    expect(pairedIntegerPatternsFit(2, 1, 7.5)).toBe(false);
  });

  it("throws for ±Infinity naming row and item, and the next call starts clean", () => {
    const acc = three(2);
    const e = [Float64Array.of(1, 2, 3), Float64Array.of(2, 2, Number.POSITIVE_INFINITY)];
    const p = [Float64Array.of(3, 3, 3), Float64Array.of(1, 4, 4)];
    let caught: unknown;
    try {
      accumulatePairedIntegerColumns(acc.e, acc.p, acc.g, e, p, { min: 1, max: 7 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServqualError);
    expect((caught as ServqualError).code).toBe("invalid-input");
    expect((caught as ServqualError).issues[0]).toMatchObject({ row: 3, column: "q2" });
    // The tables were cleared: a fresh call equals the general path.
    const good = [Float64Array.of(1, 2, 3), Float64Array.of(2, 2, 4)];
    const fast = three(2);
    const slow = three(2);
    accumulatePairedIntegerColumns(fast.e, fast.p, fast.g, good, p, { min: 1, max: 7 });
    general(slow, good, p);
    expectSameSums(fast, slow);
  });
});
