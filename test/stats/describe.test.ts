import { expect, it, describe as suite } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { describe } from "../../src/stats/describe";
import {
  allItemIds,
  expectClose,
  kioskColumn,
  meanGapScores,
  type RDescribe,
  refDescribe,
} from "./kiosk";

const POINT = 1e-9;

function expectMatchesPsych(values: readonly number[], ref: RDescribe): void {
  const d = describe(values);
  expect(d.n).toBe(ref.n);
  expect(d.missing).toBe(0);
  expectClose(d.mean, ref.mean, POINT);
  expectClose(d.sd, ref.sd, POINT);
  expectClose(d.se, ref.se, POINT);
  expectClose(d.median, ref.median, POINT);
  expectClose(d.trimmed, ref.trimmed_10, POINT);
  expectClose(d.mad, ref.mad, POINT);
  expectClose(d.min, ref.min, POINT);
  expectClose(d.max, ref.max, POINT);
  expectClose(d.range, ref.range, POINT);
  expectClose(d.skewness, ref.skew_type3, POINT);
  expectClose(d.kurtosis, ref.kurtosis_type3, POINT);
  expect(d.warnings).toEqual([]);
}

suite("describe", () => {
  it("matches psych::describe on the kiosk overall gap, rowMeans(P) - rowMeans(E)", () => {
    expectMatchesPsych(meanGapScores(allItemIds), refDescribe("overall_gap"));
  });

  it("matches psych::describe on kiosk E1 and P1", () => {
    expectMatchesPsych(kioskColumn("E1"), refDescribe("E1"));
    expectMatchesPsych(kioskColumn("P1"), refDescribe("P1"));
  });

  it("gives type-7 quartiles (hand-worked)", () => {
    // x = 1, 2, 3, 4, 10 (n = 5): h = 1 + 4p. p = .25 → h = 2 → x(2) = 2;
    // p = .75 → h = 4 → x(4) = 4. R: quantile(c(1,2,3,4,10), c(.25,.75)) = 2, 4.
    const d = describe([10, 1, 4, 2, 3]);
    expect(d.q1).toBe(2);
    expect(d.q3).toBe(4);
    // x = 1, 2, 3, 4 (n = 4): p = .25 → h = 1.75 → 1 + .75·(2 − 1) = 1.75;
    // p = .75 → h = 3.25 → 3 + .25·(4 − 3) = 3.25; median (2 + 3)/2 = 2.5.
    const e = describe([4, 3, 2, 1]);
    expect(e.q1).toBeCloseTo(1.75, 15);
    expect(e.q3).toBeCloseTo(3.25, 15);
    expect(e.median).toBe(2.5);
  });

  it("trims 10% from each end and computes the MAD (hand-worked)", () => {
    // n = 10, lo = floor(10·0.1) + 1 = 2, hi = 10 + 1 − 2 = 9: mean of x(2)..x(9) of
    // 1..9, 100 → (2 + … + 9)/8 = 44/8 = 5.5. median = (5 + 6)/2 = 5.5;
    // |x − 5.5| = 4.5, 3.5, 2.5, 1.5, .5, .5, 1.5, 2.5, 3.5, 94.5 → median 2.5 → mad 2.5·1.4826.
    const d = describe([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    expect(d.trimmed).toBe(5.5);
    expect(d.median).toBe(5.5);
    expectClose(d.mad, 2.5 * 1.4826, 1e-15);
  });

  it("counts missing values and ignores them", () => {
    const d = describe([1, null, 2, Number.NaN, 3, undefined]);
    expect(d.n).toBe(3);
    expect(d.missing).toBe(3);
    expect(d.mean).toBe(2);
    expect(d.sd).toBe(1);
  });

  it("gives the same result for many repeated Likert values as for their sorted copy", () => {
    const values: number[] = [];
    for (let i = 0; i < 5000; i++) values.push(1 + ((i * 7919) % 7));
    const a = describe(values);
    const b = describe([...values].sort((p, q) => p - q));
    expect(a).toEqual(b);
  });

  it("agrees between the Map path and the sort path (many distinct values)", () => {
    const values = Array.from({ length: 6001 }, (_, i) => Math.sin(i) * 3);
    const d = describe(values);
    // Reference by brute force on a sorted copy (independent code path).
    const sorted = [...values].sort((p, q) => p - q);
    expect(d.median).toBe(sorted[3000]);
    expect(d.min).toBe(sorted[0]);
    expect(d.max).toBe(sorted[6000]);
    const h = 1 + 6000 * 0.25;
    expect(d.q1).toBe(sorted[h - 1]);
    // MAD: median of the sorted |x − median| (n odd: the 3001st), times 1.4826.
    const deviations = values
      .map((v) => Math.abs(v - (sorted[3000] as number)))
      .sort((p, q) => p - q);
    expectClose(d.mad, 1.4826 * (deviations[3000] as number), 1e-15);
    // Trimmed: lo = floor(6001·0.1) + 1 = 601, hi = 6001 + 1 − 601 = 5401 → mean of x(601..5401).
    const kept = sorted.slice(600, 5401);
    // Absolute tolerance: the mean is near 0, values near ±3 (the naive sum here is less exact).
    expect(d.trimmed).toBeCloseTo(kept.reduce((a, b) => a + b, 0) / kept.length, 12);
  });

  it("computes the MAD of an even-length sample with the two middle deviations", () => {
    // x = 1, 2, 4, 7, 11, 16: median (4 + 7)/2 = 5.5; |x − 5.5| = 4.5, 3.5, 1.5, 1.5, 5.5, 10.5
    // sorted 1.5, 1.5, 3.5, 4.5, 5.5, 10.5 → median (3.5 + 4.5)/2 = 4 → mad = 4·1.4826.
    // R: mad(c(1, 2, 4, 7, 11, 16)) = 5.9304.
    expectClose(describe([16, 1, 11, 2, 7, 4]).mad, 5.9304, 1e-12);
  });

  it("returns nulls with a warning for an empty or all-missing input", () => {
    for (const input of [[], [null, Number.NaN]]) {
      const d = describe(input);
      expect(d.n).toBe(0);
      expect(d.mean).toBeNull();
      expect(d.median).toBeNull();
      expect(d.warnings.length).toBe(1);
      expect(JSON.stringify(d)).not.toMatch(/NaN|Infinity/);
    }
  });

  it("returns null sd, skewness and kurtosis for n = 1 and for zero variance", () => {
    const one = describe([4]);
    expect(one.mean).toBe(4);
    expect(one.sd).toBeNull();
    expect(one.skewness).toBeNull();
    expect(one.warnings.length).toBe(1);
    const flat = describe([3, 3, 3]);
    expect(flat.sd).toBe(0);
    expect(flat.skewness).toBeNull();
    expect(flat.kurtosis).toBeNull();
    expect(flat.mad).toBe(0);
    expect(flat.warnings.length).toBe(1);
  });

  it("throws a ServqualError for Infinity, non-numbers and a bad trim", () => {
    expect(() => describe([1, Number.POSITIVE_INFINITY])).toThrow(ServqualError);
    expect(() => describe(["a" as unknown as number])).toThrow(ServqualError);
    expect(() => describe([1, 2], { trim: 0.7 })).toThrow(ServqualError);
  });

  it("does not mutate its input", () => {
    const input = Object.freeze([3, 1, 2]);
    describe(input);
    expect(input).toEqual([3, 1, 2]);
  });
});
