import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulatorFromJson, accumulatorToJson } from "../../src/_lib/accumulatorJson";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  accumulatePair,
  accumulatePairs,
  createPairedAccumulator,
  finishPaired,
  mergePairedAccumulators,
  type PairedAccumulator,
} from "../../src/stats/pairedAccumulator";
import { pairedTTest } from "../../src/stats/pairedTTest";
import { wilcoxonSignedRank } from "../../src/stats/wilcoxonSignedRank";
import { expectClose, integerSums, kioskColumn, kioskItems, refDimension, refItem } from "./kiosk";

const POINT = 1e-9;
const PVAL = 1e-6;

function accumulate(
  pairs: readonly (readonly [number | null, number | null])[],
): PairedAccumulator {
  const acc = createPairedAccumulator();
  for (const [x, y] of pairs) accumulatePair(acc, x, y);
  return acc;
}

const likert = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 7 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

describe("pairedAccumulator", () => {
  it("finishes to R's values for every kiosk item (accumulatePair(acc, E, P): d = P − E)", () => {
    for (const item of kioskItems.items) {
      const ref = refItem(item.item);
      const acc = createPairedAccumulator();
      accumulatePairs(acc, kioskColumn(item.E), kioskColumn(item.P));
      const s = finishPaired(acc);
      expect(s.n).toBe(ref.n);
      expectClose(s.x.mean, ref.mean_E, POINT);
      expectClose(s.x.sd, ref.sd_E, POINT);
      expectClose(s.y.mean, ref.mean_P, POINT);
      expectClose(s.y.sd, ref.sd_P, POINT);
      expectClose(s.difference.mean, ref.mean_gap, POINT);
      expectClose(s.difference.sd, ref.sd_gap, POINT);
      expectClose(s.difference.se, ref.se_gap, POINT);
      expect(s.difference.nZero).toBe(ref.n_zero_diff);
      expect(s.difference.nNegative + s.difference.nPositive).toBe(ref.n_nonzero_diff);
      expectClose(s.tTest.t, ref.t_test.t, POINT);
      expectClose(s.tTest.pValue, ref.t_test.p_value, PVAL);
      expectClose(s.tTest.ci.lower, ref.t_test.conf_low, PVAL);
      expectClose(s.tTest.ci.upper, ref.t_test.conf_high, PVAL);
      expect(s.wilcoxon.V).toBe(ref.wilcoxon.V);
      expectClose(s.wilcoxon.pValue, ref.wilcoxon.p_value, PVAL);
      expect(s.wilcoxon.method).toBe(ref.wilcoxon.method);
      expectClose(s.cohenDz.dz, ref.cohen_dz, POINT);
    }
  });

  it("finishes to R's integer-sum Wilcoxon and t-test for every dimension", () => {
    for (const dimension of kioskItems.dimension_order) {
      const ref = refDimension(dimension);
      const { E, P } = integerSums(kioskItems.dimensions[dimension] as readonly string[]);
      const acc = createPairedAccumulator();
      accumulatePairs(acc, E, P);
      const s = finishPaired(acc);
      expect(s.wilcoxon.V).toBe(ref.wilcoxon_on_integer_sums.V);
      expectClose(s.wilcoxon.pValue, ref.wilcoxon_on_integer_sums.p_value, PVAL);
      // t is scale invariant: the sums give the t of the dimension means.
      expectClose(s.tTest.t, ref.t_test.t, POINT);
      expectClose(s.tTest.pValue, ref.t_test.p_value, PVAL);
      expectClose(s.difference.mean, 3 * ref.mean_gap, POINT);
    }
  });

  it("with step 1/3 takes dimension means and gives the exact (integer-sum) Wilcoxon", () => {
    // Means of three items are multiples of 1/3; on that grid the float noise of trap 4 is gone.
    const ref = refDimension("fun");
    const { E, P } = integerSums(kioskItems.dimensions.fun as readonly string[]);
    const acc = createPairedAccumulator({ step: 1 / 3 });
    accumulatePairs(
      acc,
      E.map((v) => v / 3),
      P.map((v) => v / 3),
    );
    const s = finishPaired(acc);
    expect(s.wilcoxon.V).toBe(ref.wilcoxon_on_integer_sums.V);
    expectClose(s.wilcoxon.pValue, ref.wilcoxon_on_integer_sums.p_value, PVAL);
    expectClose(s.x.mean, ref.mean_E, POINT);
    expectClose(s.difference.sd, ref.sd_gap, POINT);
  });

  it("merging accumulators of two halves equals one pass over both (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(likert, likert), { maxLength: 200 }),
        fc.nat(),
        (pairs, cut) => {
          const at = pairs.length === 0 ? 0 : cut % (pairs.length + 1);
          const merged = mergePairedAccumulators(
            accumulate(pairs.slice(0, at)),
            accumulate(pairs.slice(at)),
          );
          expect(merged).toEqual(accumulate(pairs));
          expect(finishPaired(merged)).toEqual(finishPaired(accumulate(pairs)));
        },
      ),
    );
  });

  it("finishing gives the same t-test and Wilcoxon as the array functions (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(likert, likert), { maxLength: 150 }),
        fc.constantFrom("two-sided", "less", "greater"),
        (pairs, alternative) => {
          const x = pairs.map(([a]) => a);
          const y = pairs.map(([, b]) => b);
          const s = finishPaired(accumulate(pairs), { alternative });
          const t = pairedTTest(y, x, { alternative });
          const w = wilcoxonSignedRank(y, x, { alternative });
          expect(s.wilcoxon).toEqual(w);
          expect(s.tTest.n).toBe(t.n);
          expect(s.tTest.missing).toBe(t.missing);
          for (const key of ["t", "pValue", "meanDifference", "stderr"] as const) {
            const expected = t[key];
            if (expected === null) expect(s.tTest[key]).toBeNull();
            else
              expect(Math.abs((s.tTest[key] as number) - expected)).toBeLessThanOrEqual(
                1e-12 * Math.max(1, Math.abs(expected)),
              );
          }
          expect(s.tTest.warnings.length).toBe(t.warnings.length);
        },
      ),
    );
  });

  it("a state cloned (structuredClone) or sent through JSON (accumulatorToJson) merges and finishes like one pass (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(likert, likert), { maxLength: 120 }),
        fc.nat(),
        (pairs, cut) => {
          const at = pairs.length === 0 ? 0 : cut % (pairs.length + 1);
          const a = accumulate(pairs.slice(0, at));
          const b = accumulate(pairs.slice(at));
          const once = finishPaired(accumulate(pairs));
          const viaJson = accumulatorFromJson<PairedAccumulator>(accumulatorToJson(a));
          expect(viaJson).toEqual(a);
          expect(finishPaired(mergePairedAccumulators(structuredClone(a), b))).toEqual(once);
          expect(finishPaired(mergePairedAccumulators(viaJson, b))).toEqual(once);
        },
      ),
    );
  });

  it("plain JSON.stringify loses the histogram; the codec keeps it", () => {
    const a = accumulate([
      [6, 5],
      [7, 7],
    ]);
    const plain = JSON.parse(JSON.stringify(a)) as PairedAccumulator;
    expect(plain.histogram).toEqual({});
    const coded = accumulatorFromJson<PairedAccumulator>(accumulatorToJson(a));
    expect([...(coded.histogram ?? [])]).toEqual([
      [-1, 1],
      [0, 1],
    ]);
  });

  it("hand-worked summary of four pairs", () => {
    // (x, y) = (6,5), (7,7), (5,6), (6,4): d = y − x = -1, 0, 1, -2; mean -0.5;
    // SS = .25 + .25 + 2.25 + 2.25 = 5, sd = sqrt(5/3); t = -0.5/(sd/2) = -sqrt(0.6).
    // x: mean 6, sd sqrt(2/3); y: mean 5.5, sd sqrt(5/3);
    // Σ(x − 6)(y − 5.5) = 0·(−.5) + 1·1.5 + (−1)·.5 + 0·(−1.5) = 1 → cov = 1/3,
    // r = (1/3)/sqrt(2/3 · 5/3) = 1/sqrt(10).
    const s = finishPaired(
      accumulate([
        [6, 5],
        [7, 7],
        [5, 6],
        [6, 4],
      ]),
    );
    expect(s.difference.mean).toBe(-0.5);
    expectClose(s.difference.sd, Math.sqrt(5 / 3), 1e-15);
    expectClose(s.tTest.t, -Math.sqrt(0.6), 1e-14);
    expectClose(s.x.sd, Math.sqrt(2 / 3), 1e-15);
    expectClose(s.correlation, 1 / Math.sqrt(10), 1e-14);
    expect(s.difference).toMatchObject({ nNegative: 2, nZero: 1, nPositive: 1 });
    expect(s.histogram).toEqual({ values: [-2, -1, 0, 1], counts: [1, 1, 1, 1] });
  });

  it("accepts a finer grid (step 0.5) and reports histogram values in the data's units", () => {
    const acc = createPairedAccumulator({ step: 0.5 });
    accumulatePairs(acc, [1, 2.5, 3], [1.5, 2, 3]);
    const s = finishPaired(acc);
    expect(s.histogram).toEqual({ values: [-0.5, 0, 0.5], counts: [1, 1, 1] });
    expect(s.x.mean).toBe(6.5 / 3);
  });

  it("counts missing pairs and returns nulls + warnings when there is too little data", () => {
    const acc = createPairedAccumulator();
    accumulatePair(acc, null, 3);
    accumulatePair(acc, 4, Number.NaN);
    accumulatePairs(acc, [undefined, 1], [2, null] as (number | null)[]);
    const empty = finishPaired(acc);
    expect(acc.missing).toBe(4);
    expect(empty.n).toBe(0);
    expect(empty.x.mean).toBeNull();
    expect(empty.tTest.t).toBeNull();
    expect(empty.wilcoxon.pValue).toBeNull();
    expect(empty.warnings.length).toBe(1);
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
    accumulatePair(acc, 3, 3);
    accumulatePair(acc, 4, 4);
    const constant = finishPaired(acc);
    expect(constant.tTest.t).toBeNull();
    expect(constant.wilcoxon.pValue).toBeNull();
    expect(constant.cohenDz.dz).toBeNull();
    expect(JSON.stringify(constant)).not.toMatch(/NaN|Infinity/);
  });

  it("throws a ServqualError for off-grid values, Infinity, bad steps and step mismatch", () => {
    const acc = createPairedAccumulator();
    try {
      accumulatePair(acc, 1.5, 2);
      expect.fail("expected a throw");
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      expect((error as ServqualError).issues[0]?.code).toBe("off-grid");
    }
    expect(() => accumulatePair(acc, Number.POSITIVE_INFINITY, 2)).toThrow(ServqualError);
    expect(() => accumulatePair(acc, null, Number.NEGATIVE_INFINITY)).toThrow(ServqualError);
    expect(() => accumulatePairs(acc, [1, 2], [1])).toThrow(ServqualError);
    expect(() => createPairedAccumulator({ step: 0 })).toThrow(ServqualError);
    expect(() => createPairedAccumulator({ step: Number.NaN })).toThrow(ServqualError);
    expect(() =>
      mergePairedAccumulators(createPairedAccumulator(), createPairedAccumulator({ step: 0.5 })),
    ).toThrow(ServqualError);
    // The histogram keeps only the differences seen: a wide span is fine, too many distinct
    // differences (more than 2^20) are refused.
    const wide = createPairedAccumulator();
    accumulatePair(wide, 0, 0);
    accumulatePair(wide, 0, 2 ** 21);
    expect(finishPaired(wide).histogram).toEqual({ values: [0, 2 ** 21], counts: [1, 1] });
    for (let d = 1; d < 2 ** 20 - 1; d++) accumulatePair(wide, 0, -d);
    expect(wide.histogram?.size).toBe(2 ** 20);
    accumulatePair(wide, 0, 0); // a difference already seen is still counted
    try {
      accumulatePair(wide, 0, 5);
      expect.fail("expected a throw");
    } catch (error) {
      expect((error as ServqualError).code).toBe("unsupported");
    }
    expect(acc.n).toBe(0);
  });

  it("accumulates a large Likert sample in O(distinct differences) histogram space", () => {
    const acc = createPairedAccumulator();
    const n = 200000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1 + (i % 7);
      y[i] = 1 + ((i * 3) % 7);
    }
    accumulatePairs(acc, x, y);
    expect(acc.n).toBe(n);
    expect(acc.histogram?.size).toBeLessThanOrEqual(13);
    const s = finishPaired(acc);
    expect(s.wilcoxon.n + s.wilcoxon.nZero).toBe(n);
  });
});
