import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import fCdf from "@stdlib/stats-base-dists-f-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import type { Alternative } from "./types";

/** A probability in [0, 1], or null when the distribution function gave NaN. */
function probability(p: number): number | null {
  if (Number.isNaN(p)) return null;
  return Math.min(1, Math.max(0, p));
}

/**
 * p-value of a t statistic with `df` degrees of freedom. Each tail is taken from the lower CDF
 * at −|t| (no `1 − cdf`), so tiny p-values keep their relative precision, as R's `pt` does.
 */
export function tPValue(t: number, df: number, alternative: Alternative): number | null {
  switch (alternative) {
    case "less":
      return probability(tCdf(t, df));
    case "greater":
      return probability(tCdf(-t, df));
    default:
      return probability(2 * tCdf(-Math.abs(t), df));
  }
}

/** p-value of a standard normal statistic, tails computed as Φ(−|z|). */
export function normalPValue(z: number, alternative: Alternative): number | null {
  switch (alternative) {
    case "less":
      return probability(normalCdf(z, 0, 1));
    case "greater":
      return probability(normalCdf(-z, 0, 1));
    default:
      return probability(2 * normalCdf(-Math.abs(z), 0, 1));
  }
}

/**
 * Upper tail P(F > f) of the F(d1, d2) distribution, computed as P(F' < 1/f) with
 * F' ~ F(d2, d1), which keeps the precision of small p-values (R: `pf(f, d1, d2, lower.tail = FALSE)`).
 */
export function fUpperTail(f: number, d1: number, d2: number): number | null {
  if (f <= 0) return 1;
  return probability(fCdf(1 / f, d2, d1));
}

/**
 * Upper tail P(X > x) of the chi-square distribution with `df` degrees of freedom, as
 * `1 − cdf` (absolute precision ~1e-16; R: `pchisq(x, df, lower.tail = FALSE)`).
 */
export function chiSquareUpperTail(x: number, df: number): number | null {
  if (x <= 0) return 1;
  return probability(1 - chisquareCdf(x, df));
}
