import { regularizedBeta } from "./regularizedBeta";

/**
 * The CDF of Student's t distribution with ν > 0 degrees of freedom (ν need not be an
 * integer), computed without `1 − cdf` in the tail: F(t) = ½ I_x(ν/2, ½) for t < 0 with
 * x = ν/(ν + t²), and 1 − F(−t) for t > 0. ln x and ln(1 − x) are formed from t²/ν directly,
 * so F(−40, 3) ≈ 1.7e-5 and F(−1e10, 1) keep their relative precision. Returns NaN for a
 * NaN argument or ν ≤ 0; ν = ∞ is not supported (NaN).
 *
 * Agrees with R's `pt(t, df)` to about 1e-14 relative (checked against closed forms for
 * ν = 1, 2, 3 and, in the tests, against `@stdlib/stats-base-dists-t-cdf`).
 *
 * Reference: Abramowitz & Stegun (1964), 26.7.1 and 26.5.27.
 *
 * @example
 * studentTCdf(-2, 2) //=> 0.5 - 1 / Math.sqrt(6) ≈ 0.0917517
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0) || df === Number.POSITIVE_INFINITY) return Number.NaN;
  if (t === 0) return 0.5;
  const lower = 0.5 * lowerTailBeta(Math.abs(t), df);
  return t < 0 ? lower : 1 - lower;
}

/** I_x(ν/2, ½) with x = ν/(ν + t²), t ≥ 0, from r = t²/ν without cancellation. */
function lowerTailBeta(absT: number, df: number): number {
  if (absT === Number.POSITIVE_INFINITY) return 0;
  const ratio = df / absT / absT; // ν/t², may underflow to 0 harmlessly
  let logX: number;
  let logY: number;
  if (ratio < 1) {
    // t² > ν: x = (ν/t²)/(1 + ν/t²), y = 1/(1 + ν/t²)
    logY = -Math.log1p(ratio);
    logX = Math.log(df) - 2 * Math.log(absT) + logY;
  } else {
    const r = (absT / df) * absT; // t²/ν ≤ 1
    logX = -Math.log1p(r);
    logY = Math.log(r) + logX;
  }
  return regularizedBeta(logX, logY, df / 2, 0.5);
}
