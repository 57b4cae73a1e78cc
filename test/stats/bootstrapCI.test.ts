import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { bootstrapCI } from "../../src/stats/bootstrapCI";
import { meanCI } from "../../src/stats/meanCI";
import { seededRandom } from "../../src/stats/seededRandom";
import { expectClose } from "./kiosk";

const mean = (sample: Float64Array): number => {
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += sample[i] as number;
  return sum / sample.length;
};

/** A normal-ish sample: sums of 12 uniforms minus 6 (Irwin–Hall, variance 1). */
function normalish(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    let s = 0;
    for (let k = 0; k < 12; k++) s += random();
    return 10 + 2 * (s - 6);
  });
}

describe("bootstrapCI", () => {
  const data = [3, 5, 4, 6, 2, 5, 4, 7, 1, 5, 6, 4];

  it("is reproducible: the same seed gives an identical result", () => {
    for (const method of ["percentile", "bca"] as const) {
      const a = bootstrapCI(data, mean, { seed: 11, method, resamples: 500 });
      const b = bootstrapCI(data, mean, { seed: 11, method, resamples: 500 });
      expect(a).toEqual(b);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  });

  it("changes with the seed", () => {
    const a = bootstrapCI(normalish(200, 3), mean, { seed: 1 });
    const b = bootstrapCI(normalish(200, 3), mean, { seed: 2 });
    expect(a.lower).not.toBe(b.lower);
    expect(a.estimate).toBe(b.estimate);
  });

  it("percentile CI of the mean of a large normal-ish sample is close to the t interval", () => {
    // For the mean the bootstrap SE is s·sqrt((n − 1)/n)/sqrt(n); with B = 2000 the Monte Carlo
    // error of a 2.5% quantile is about 0.06 SE, so 0.2 SE is a safe tolerance.
    const sample = normalish(2000, 5);
    const t = meanCI(sample);
    const boot = bootstrapCI(sample, mean, { seed: 99 });
    const se = t.se as number;
    expect(Math.abs((boot.lower as number) - (t.lower as number))).toBeLessThan(0.2 * se);
    expect(Math.abs((boot.upper as number) - (t.upper as number))).toBeLessThan(0.2 * se);
    expect(Math.abs((boot.se as number) - se)).toBeLessThan(0.1 * se);
    expect(boot.quantiles?.[0]).toBeCloseTo(0.025, 15);
    expect(boot.quantiles?.[1]).toBeCloseTo(0.975, 15);
  });

  it("BCa: the jackknife acceleration of the mean equals Efron's closed form (known case)", () => {
    // For the mean, θ̄ − θ(i) = (xᵢ − x̄)/(n − 1), so a = Σ(x − x̄)³ / (6·[Σ(x − x̄)²]^{3/2})
    // (Efron & Tibshirani 1993, An Introduction to the Bootstrap, eq. 14.15).
    // x = 1, 2, 3, 4, 10: x̄ = 4, deviations −3, −2, −1, 0, 6:
    // Σd³ = −27 − 8 − 1 + 0 + 216 = 180, Σd² = 9 + 4 + 1 + 0 + 36 = 50,
    // a = 180/(6·50^{1.5}) = 30/353.5534 = 0.0848528…
    const result = bootstrapCI([1, 2, 3, 4, 10], mean, { method: "bca", seed: 4 });
    expectClose(result.acceleration, 30 / 50 ** 1.5, 1e-12);
    expect(result.estimate).toBe(4);
    // The adjusted levels follow from z0 and a (Efron 1987, eq. 2.3):
    // α1 = Φ(z0 + (z0 + z_.025)/(1 − a(z0 + z_.025))).
    const z0 = result.biasCorrection as number;
    const a = result.acceleration as number;
    const zLow = -1.959963984540054;
    const shifted = z0 + zLow;
    const expectedLow = normalCdf(z0 + shifted / (1 - a * shifted), 0, 1);
    expectClose((result.quantiles as [number, number])[0], expectedLow, 1e-6);
  });

  it("BCa with zero skewness has zero acceleration; intervals shift with the data", () => {
    const symmetric = [1, 2, 3, 4, 5, 6, 7];
    const result = bootstrapCI(symmetric, mean, { method: "bca", seed: 8 });
    expect(Math.abs(result.acceleration as number)).toBeLessThan(1e-15);
    // Translation equivariance: the same seed draws the same indices.
    const shifted = bootstrapCI(
      symmetric.map((x) => x + 100),
      mean,
      { method: "bca", seed: 8 },
    );
    expectClose(shifted.lower, (result.lower as number) + 100, 1e-9);
    expectClose(shifted.upper, (result.upper as number) + 100, 1e-9);
  });

  it("BCa on skewed data moves the interval to the right of the percentile one", () => {
    // Right-skewed data: a > 0 and the BCa quantiles are shifted upwards.
    const skewed = [1, 1, 1, 2, 2, 3, 4, 6, 9, 15, 25, 40];
    const bca = bootstrapCI(skewed, mean, { method: "bca", seed: 21 });
    const perc = bootstrapCI(skewed, mean, { method: "percentile", seed: 21 });
    expect(bca.acceleration as number).toBeGreaterThan(0);
    expect(bca.upper as number).toBeGreaterThan(perc.upper as number);
  });

  it("returns null + warning for n < 2, a non-finite statistic and an infinite z0", () => {
    expect(bootstrapCI([1], mean).lower).toBeNull();
    expect(bootstrapCI([], mean).warnings.length).toBe(1);
    const nan = bootstrapCI([1, 2, 3], () => Number.NaN);
    expect(nan.estimate).toBeNull();
    expect(nan.warnings.length).toBe(1);
    // A statistic that gives θ̂ = 10 on the data and 1 on every resample: all replicates lie
    // below θ̂, so z0 = Φ⁻¹(0) = −∞ and BCa has no interval.
    let calls = 0;
    const drifting = () => (calls++ === 0 ? 10 : 1);
    const result = bootstrapCI([1, 2, 3], drifting, { method: "bca", resamples: 50 });
    expect(result.lower).toBeNull();
    expect(result.warnings.length).toBe(1);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("leaves out non-finite replicates and says so", () => {
    let calls = 0;
    const sometimesNaN = (sample: Float64Array) => (calls++ % 10 === 5 ? Number.NaN : mean(sample));
    const result = bootstrapCI(data, sometimesNaN, { resamples: 100 });
    expect(result.nonFiniteReplicates).toBe(10);
    expect(result.warnings.length).toBe(1);
    expect(result.lower).not.toBeNull();
  });

  it("throws a ServqualError for bad options and Infinity", () => {
    expect(() => bootstrapCI(data, mean, { seed: 1.5 })).toThrow(ServqualError);
    expect(() => bootstrapCI(data, mean, { resamples: 1 })).toThrow(ServqualError);
    expect(() => bootstrapCI(data, mean, { method: "bc" as "bca" })).toThrow(ServqualError);
    expect(() => bootstrapCI(data, mean, { level: 0 })).toThrow(ServqualError);
    expect(() => bootstrapCI([1, Number.POSITIVE_INFINITY], mean)).toThrow(ServqualError);
    expect(() => bootstrapCI(data, 3 as unknown as typeof mean)).toThrow(ServqualError);
  });
});
