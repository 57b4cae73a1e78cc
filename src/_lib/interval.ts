/**
 * How a confidence interval was computed (formulas in docs/formulas-stats.md and
 * docs/formulas-psychometrics.md):
 * - `t`: estimate ± t₁₋α/₂,df · se (means, t tests; Student 1908).
 * - `wilson`: Wilson's score interval of a proportion without continuity correction, as R's
 *   `prop.test(correct = FALSE)` (Wilson 1927).
 * - `normal-approximation`: estimate ± z₁₋α/₂ · se with a large-sample se (Cohen's d and d_z,
 *   Hedges & Olkin 1985; alpha with the Duhachek & Iacobucci 2004 se).
 * - `feldt`: Feldt's F-based interval of alpha (Feldt 1965), as psych::alpha.ci.
 * - `percentile`: quantiles of bootstrap replicates (Efron & Tibshirani 1993, §13.3).
 * - `bca`: bias-corrected and accelerated bootstrap (Efron 1987).
 * - `newcombe`: a difference of two proportions from their Wilson intervals (Newcombe 1998).
 */
export type IntervalMethod =
  | "t"
  | "wilson"
  | "normal-approximation"
  | "feldt"
  | "percentile"
  | "bca"
  | "newcombe";

/**
 * The one confidence interval of the library. A bound is null when it cannot be computed or
 * is infinite (the open side of a one-sided interval), never NaN or Infinity.
 *
 * @example
 * const ci: Interval = { level: 0.95, lower: 4.2, upper: 5.1, method: "t" };
 */
export interface Interval {
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** Lower bound, or null when it is −∞ or cannot be computed. */
  readonly lower: number | null;
  /** Upper bound, or null when it is +∞ or cannot be computed. */
  readonly upper: number | null;
  readonly method: IntervalMethod;
}

/**
 * An {@link Interval}; a bound that is not finite becomes null.
 *
 * @example
 * interval(0.95, Number.NEGATIVE_INFINITY, 2, "t") //=> { level: 0.95, lower: null, upper: 2, method: "t" }
 */
export function interval(
  level: number,
  lower: number | null,
  upper: number | null,
  method: IntervalMethod,
): Interval {
  const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  return { level, lower: finite(lower), upper: finite(upper), method };
}
