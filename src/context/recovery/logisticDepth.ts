import { type Interval, interval } from "../../_lib/interval";
import { probability } from "../../stats/distributions/probability";
import { normalCdf } from "../../stats/distributions/stdlib/normalCdf";
import { normalQuantile } from "../../stats/distributions/stdlib/normalQuantile";

/** A logistic regression of a yes/no outcome on one predictor (see {@link logisticOne}). */
export interface LogisticFit {
  readonly n: number;
  /** Events (y = 1) among the n. */
  readonly events: number;
  readonly intercept: number | null;
  /** The log-odds change per unit of the predictor. */
  readonly slope: number | null;
  readonly slopeSe: number | null;
  /** Wald z = slope / se. */
  readonly z: number | null;
  /** Two-sided Wald p = 2·Φ(−|z|). */
  readonly p: number | null;
  /** exp(slope) with its Wald interval exp(slope ± z₁₋α/₂·se). */
  readonly oddsRatio: number | null;
  readonly oddsRatioCi: Interval;
  readonly iterations: number;
  /** False when the fit did not converge or the predictor separates the outcomes. */
  readonly converged: boolean;
  /** Residual deviance −2·log L. */
  readonly deviance: number | null;
}

/**
 * Logistic regression logit P(y = 1) = a + b·x by iteratively reweighted least squares, as R's
 * `glm(y ~ x, family = binomial)`: start from μ = (y + ½)/2, working response
 * z = η + (y − μ)/(μ(1 − μ)) with weights μ(1 − μ), stop when the deviance changes by less than
 * 1e-8 relative (|D − D₀|/(|D| + 0.1)), at most 25 iterations. Standard errors from
 * (XᵀWX)⁻¹ of the last iteration (as `summary.glm`); a cut point of x separating the
 * outcomes (Albert & Anderson 1984) means no estimate exists; the Wald test z = b/se(b) (Hosmer, Lemeshow & Sturdivant 2013, §1.3). A fit whose
 * fitted probabilities reach 0 or 1 (separation) or that does not converge gives nulls.
 *
 * @example
 * logisticOne([0, 0, 1, 1, 2, 2], [1, 1, 1, 0, 0, 1]).slope // the log-odds change per level
 */
export function logisticOne(x: ArrayLike<number>, y: ArrayLike<number>, level = 0.95): LogisticFit {
  const n = x.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i] as number;
  const fail = (iterations: number): LogisticFit => ({
    n,
    events,
    intercept: null,
    slope: null,
    slopeSe: null,
    z: null,
    p: null,
    oddsRatio: null,
    oddsRatioCi: interval(level, null, null, "normal-approximation"),
    iterations,
    converged: false,
    deviance: null,
  });
  if (n < 3 || events === 0 || events === n) return fail(0);
  // With one predictor the estimate exists unless a cut point separates the outcomes
  // (complete or quasi-complete separation; Albert & Anderson 1984).
  let min0 = Number.POSITIVE_INFINITY;
  let max0 = Number.NEGATIVE_INFINITY;
  let min1 = Number.POSITIVE_INFINITY;
  let max1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    if ((y[i] as number) === 1) {
      min1 = Math.min(min1, xi);
      max1 = Math.max(max1, xi);
    } else {
      min0 = Math.min(min0, xi);
      max0 = Math.max(max0, xi);
    }
  }
  if (max0 <= min1 || max1 <= min0) return fail(0);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = ((y[i] as number) + 0.5) / 2;
    mu[i] = m;
    eta[i] = Math.log(m / (1 - m));
  }
  const devianceOf = () => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const m = mu[i] as number;
      d += (y[i] as number) === 1 ? -2 * Math.log(m) : -2 * Math.log(1 - m);
    }
    return d;
  };
  let deviance = devianceOf();
  let a = 0;
  let b = 0;
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  let converged = false;
  let iterations = 0;
  for (iterations = 1; iterations <= 25; iterations++) {
    s00 = 0;
    s01 = 0;
    s11 = 0;
    let t0 = 0;
    let t1 = 0;
    for (let i = 0; i < n; i++) {
      const m = mu[i] as number;
      const w = m * (1 - m);
      const xi = x[i] as number;
      const z = (eta[i] as number) + ((y[i] as number) - m) / w;
      s00 += w;
      s01 += w * xi;
      s11 += w * xi * xi;
      t0 += w * z;
      t1 += w * z * xi;
    }
    const det = s00 * s11 - s01 * s01;
    if (!(det > 0)) return fail(iterations);
    a = (s11 * t0 - s01 * t1) / det;
    b = (s00 * t1 - s01 * t0) / det;
    for (let i = 0; i < n; i++) {
      const e = a + b * (x[i] as number);
      eta[i] = e;
      mu[i] = 1 / (1 + Math.exp(-e));
    }
    const next = devianceOf();
    if (Math.abs(next - deviance) / (Math.abs(next) + 0.1) < 1e-8) {
      deviance = next;
      converged = true;
      break;
    }
    deviance = next;
  }
  const eps = 10 * Number.EPSILON;
  let separated = false;
  for (let i = 0; i < n; i++) {
    const m = mu[i] as number;
    if (m < eps || m > 1 - eps) separated = true;
  }
  if (!converged || separated || !Number.isFinite(deviance)) return fail(iterations);
  // The covariance from the last iteration's weighted fit, as R's summary.glm.
  const det = s00 * s11 - s01 * s01;
  const se = Math.sqrt(s00 / det);
  const z = b / se;
  const q = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return {
    n,
    events,
    intercept: a,
    slope: b,
    slopeSe: se,
    z,
    p: probability(2 * normalCdf(-Math.abs(z), 0, 1)),
    oddsRatio: Math.exp(b),
    oddsRatioCi: interval(
      level,
      Math.exp(b - q * se),
      Math.exp(b + q * se),
      "normal-approximation",
    ),
    iterations,
    converged: true,
    deviance,
  };
}
