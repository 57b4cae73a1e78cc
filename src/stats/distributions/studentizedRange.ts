import rangeCdf from "@stdlib/stats-base-dists-studentized-range-cdf";
import rangeQuantile from "@stdlib/stats-base-dists-studentized-range-quantile";
import { probability } from "./probability";

/**
 * Upper tail P(Q > q) of the studentized range of k means with df degrees of freedom (R:
 * `ptukey(q, k, df, lower.tail = FALSE)`, which R also computes as 1 − the lower tail; the
 * same algorithm, Copenhaver & Holland 1988, via @stdlib). Null when df < 2 or k < 2.
 *
 * @example
 * studentizedRangeUpperTail(3.5, 3, 20) //=> 0.0522… (R: ptukey(3.5, 3, 20, lower.tail = FALSE))
 */
export function studentizedRangeUpperTail(q: number, k: number, df: number): number | null {
  if (!(q > 0)) return 1;
  const lower = rangeCdf(q, k, df);
  return Number.isNaN(lower) ? null : probability(1 - lower);
}

/**
 * Quantile of the studentized range (R: `qtukey(p, k, df)`); NaN when df < 2 or k < 2.
 *
 * @example
 * studentizedRangeQuantile(0.95, 3, 20) //=> 3.5782… (R: qtukey(0.95, 3, 20))
 */
export function studentizedRangeQuantile(p: number, k: number, df: number): number {
  return rangeQuantile(p, k, df);
}
