import stdlibTCdf from "@stdlib/stats-base-dists-t-cdf";
import stdlibTQuantile from "@stdlib/stats-base-dists-t-quantile";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logBeta, logGamma } from "../../../src/stats/distributions/logBeta";
import { studentTCdf } from "../../../src/stats/distributions/studentTCdf";
import { studentTQuantile } from "../../../src/stats/distributions/studentTQuantile";
import { tPValue } from "../../../src/stats/distributions/tPValue";

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

// Closed forms of the lower tail F(t), t < 0, written without cancellation.
// ν = 1 (Cauchy): atan(1/|t|)/π. ν = 2: 1/(s(s + |t|)) with s = √(2 + t²).
// ν = 3: (atan(√3/|t|) − √3|t|/(3 + t²))/π (moderate |t| only: the difference cancels).
const cauchy = (t: number) => Math.atan(1 / Math.abs(t)) / Math.PI;
const twoDf = (t: number) => {
  const s = Math.sqrt(2 + t * t);
  return 1 / (s * (s + Math.abs(t)));
};
const threeDf = (t: number) =>
  (Math.atan(Math.sqrt(3) / Math.abs(t)) - (Math.sqrt(3) * Math.abs(t)) / (3 + t * t)) / Math.PI;

describe("logGamma and logBeta", () => {
  it("give ln of factorials and of B(a, b) = Γ(a)Γ(b)/Γ(a + b)", () => {
    expect(relative(logGamma(5), Math.log(24))).toBeLessThan(1e-14);
    expect(relative(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(relative(logGamma(0.1), Math.log(9.513507698668732))).toBeLessThan(1e-13);
    expect(relative(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
    // B(a, ½) across the branch at 10 and far beyond: B(n + ½, ½)… use B(a, 1) = 1/a exactly.
    for (const a of [9.5, 10, 10.5, 37, 1e3, 1e6, 1e9]) {
      expect(relative(logBeta(a, 1), -Math.log(a))).toBeLessThan(1e-13);
      expect(relative(logBeta(a, 2), -Math.log(a * (a + 1)))).toBeLessThan(1e-13);
    }
    // both large: B(a, a) = Γ(a)²/Γ(2a); at a = 20, 19!² / 39! exactly
    let ratio = 1;
    for (let k = 1; k <= 19; k++) ratio *= k / (k + 19);
    expect(relative(logBeta(20, 20), Math.log(ratio / 39))).toBeLessThan(1e-13);
  });
});

describe("studentTCdf", () => {
  it("equals the closed forms for ν = 1, 2, 3, including far tails", () => {
    for (const t of [-1e-8, -1e-3, -0.3, -1, -2.5, -12, -40, -1e5, -1e12]) {
      expect(relative(studentTCdf(t, 1), cauchy(t))).toBeLessThan(1e-13);
      expect(relative(studentTCdf(t, 2), twoDf(t))).toBeLessThan(1e-13);
      expect(Math.abs(studentTCdf(-t, 1) + studentTCdf(t, 1) - 1)).toBeLessThan(1e-15);
    }
    for (const t of [-0.01, -0.5, -1, -2, -5]) {
      expect(relative(studentTCdf(t, 3), threeDf(t))).toBeLessThan(1e-13);
    }
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 7)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 7)).toBe(1);
  });

  it("is NaN for NaN, ν ≤ 0 and ν = ∞", () => {
    expect(studentTCdf(Number.NaN, 3)).toBeNaN();
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTCdf(1, -2)).toBeNaN();
    expect(studentTCdf(1, Number.NaN)).toBeNaN();
    expect(studentTCdf(1, Number.POSITIVE_INFINITY)).toBeNaN();
  });

  it("agrees with @stdlib (Boost's incomplete beta) over t and non-integer ν", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: -1e-3, noNaN: true }),
        fc.double({ min: 0.5, max: 2e4, noNaN: true }),
        (t, df) => {
          const expected = stdlibTCdf(t, df);
          if (expected < 1e-290) return;
          expect(relative(studentTCdf(t, df), expected)).toBeLessThan(1e-11);
          expect(relative(studentTCdf(-t, df), 1 - expected)).toBeLessThan(1e-11);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps about 1e-10 relative precision at the degrees of freedom of a million pairs", () => {
    for (const df of [1e5, 1e6]) {
      for (const t of [-1, -2, -3.5]) {
        expect(relative(studentTCdf(t, df), stdlibTCdf(t, df))).toBeLessThan(1e-10);
      }
    }
  });
});

describe("studentTQuantile", () => {
  it("matches printed t tables (Fisher & Yates; R qt)", () => {
    expect(relative(studentTQuantile(0.975, 10), 2.228138852)).toBeLessThan(1e-9);
    expect(relative(studentTQuantile(0.975, 30), 2.042272456)).toBeLessThan(1e-9);
    expect(relative(studentTQuantile(0.995, 5), 4.032142984)).toBeLessThan(1e-9);
    expect(relative(studentTQuantile(0.025, 10), -2.228138852)).toBeLessThan(1e-9);
  });

  it("equals the closed forms for ν = 1, 2 and 4", () => {
    for (const p of [1e-200, 1e-12, 0.001, 0.025, 0.2, 0.4999, 0.6, 0.975, 1 - 1e-12]) {
      const q = Math.min(p, 1 - p);
      const sign = p < 0.5 ? -1 : 1;
      expect(relative(studentTQuantile(p, 1), sign / Math.tan(Math.PI * q))).toBeLessThan(1e-13);
      const two = sign * ((1 - 2 * q) / Math.sqrt(2 * q * (1 - q)));
      expect(relative(studentTQuantile(p, 2), two)).toBeLessThan(1e-13);
      if (q > 1e-6 && q < 0.3) {
        // ν = 4 (Hill 1970; c − 1 cancels near q = ½, so only the tails): α = 4q(1 − q), c = cos(arccos(√α)/3)/√α, t = 2√(c − 1)
        const alpha = 4 * q * (1 - q);
        const c = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
        expect(relative(studentTQuantile(p, 4), sign * 2 * Math.sqrt(c - 1))).toBeLessThan(1e-11);
      }
    }
    expect(studentTQuantile(0.5, 9)).toBe(0);
  });

  it("inverts studentTCdf and agrees with @stdlib's quantile", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        fc.double({ min: 0.5, max: 2e4, noNaN: true }),
        (p, df) => {
          const t = studentTQuantile(p, df);
          const back = studentTCdf(t, df);
          // 1e-10 relative: the project's point-estimate tolerance is 1e-9; near ν = 2·10⁴ the
          // round trip loses a few more digits than at small ν (measured up to about 2e-12).
          expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-10);
          expect(relative(t, stdlibTQuantile(p, df))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives ±∞ at 0 and 1 and NaN outside [0, 1] or for a bad ν", () => {
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(-0.1, 3)).toBeNaN();
    expect(studentTQuantile(1.1, 3)).toBeNaN();
    expect(studentTQuantile(Number.NaN, 3)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
    expect(studentTQuantile(0.9, Number.POSITIVE_INFINITY)).toBeNaN();
    // at ν = ½ the 1e-300 quantile is about −1e600, beyond the doubles
    expect(studentTQuantile(1e-300, 0.5)).toBeNaN();
  });
});

describe("tPValue", () => {
  it("takes both tails from F(−|t|) and turns NaN into null", () => {
    // ν = 2, t = −2: F = 1/(√6(√6 + 2))
    const lower = 1 / (Math.sqrt(6) * (Math.sqrt(6) + 2));
    expect(relative(tPValue(-2, 2, "two-sided") as number, 2 * lower)).toBeLessThan(1e-14);
    expect(relative(tPValue(-2, 2, "less") as number, lower)).toBeLessThan(1e-14);
    expect(relative(tPValue(2, 2, "greater") as number, lower)).toBeLessThan(1e-14);
    expect(tPValue(1, 0, "two-sided")).toBeNull();
  });
});
