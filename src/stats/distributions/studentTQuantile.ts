import { logBeta } from "./logBeta";
import { studentTCdf } from "./studentTCdf";

const MAX_ITERATIONS = 200;

/**
 * The quantile function of Student's t distribution: the t with F(t) = p for ν > 0 degrees of
 * freedom (ν need not be an integer). ν = 1 and ν = 2 use their closed forms (−cot(πq) and
 * (2q − 1)/√(2q(1 − q)) for the lower tail q); otherwise Newton
 * steps on ln F(t) = ln min(p, 1 − p) in the lower tail, kept inside a bracket that shrinks
 * each step (bisection when a step would leave it), until the step is below 1e-15·|t|.
 * Returns −∞ / +∞ at p = 0 / 1 and NaN for p outside [0, 1], ν ≤ 0 or ν = ∞, or when the
 * quantile lies beyond the range of a double.
 *
 * Agrees with R's `qt(p, df)` to about 1e-13 relative (checked against the closed forms for
 * ν = 1, 2, 4 and, in the tests, against `@stdlib/stats-base-dists-t-quantile`).
 *
 * Reference: Hill (1970), Comm. ACM 13(10):617–619 (closed forms); Abramowitz & Stegun (1964),
 * 26.7.1 (density).
 *
 * @example
 * studentTQuantile(0.975, 2) //=> 4.302652729749464
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0) || df === Number.POSITIVE_INFINITY) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  const sign = p < 0.5 ? 1 : -1;
  if (df === 1) return sign * (-1 / Math.tan(Math.PI * q));
  if (df === 2) return sign * -((1 - 2 * q) / Math.sqrt(2 * q * (1 - q)));
  return sign * lowerTailQuantile(q, df);
}

/** The t < 0 with F(t) = q, q < ½. */
function lowerTailQuantile(q: number, df: number): number {
  const logQ = Math.log(q);
  // ln of the density's constant: −ln(√ν B(ν/2, ½))
  const logC = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  let lo = Number.NEGATIVE_INFINITY;
  let hi = 0;
  let t = startValue(q, df);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const F = studentTCdf(t, df);
    if (Number.isNaN(F)) return Number.NaN;
    if (F > q) hi = t;
    else if (F < q) lo = t;
    else return t;
    const logDensity = logC - ((df + 1) / 2) * Math.log1p((t / df) * t);
    const step = (Math.log(F) - logQ) * Math.exp(Math.log(F) - logDensity);
    let next = t - step;
    if (!(next > lo && next < hi)) {
      next = lo === Number.NEGATIVE_INFINITY ? 2 * Math.min(t, -1) : (lo + hi) / 2;
    }
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) return next;
    t = next;
  }
  // not converged (t beyond the double range, e.g. q = 1e-300 at ν = ½): no answer
  return Math.abs(studentTCdf(t, df) - q) <= 1e-12 * q ? t : Number.NaN;
}

/**
 * A starting point: the normal quantile (Abramowitz & Stegun 26.2.23, error < 4.5e-4) with the
 * first Cornish–Fisher term for t, z + (z³ + z)/(4ν).
 */
function startValue(q: number, df: number): number {
  const w = Math.sqrt(-2 * Math.log(q));
  const z = -(
    w -
    (2.515517 + 0.802853 * w + 0.010328 * w * w) /
      (1 + 1.432788 * w + 0.189269 * w * w + 0.001308 * w * w * w)
  );
  return z + (z * z * z + z) / (4 * df);
}
