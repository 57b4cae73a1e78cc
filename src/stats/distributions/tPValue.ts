import type { Alternative } from "../types";
import { probability } from "./probability";
import { studentTCdf } from "./studentTCdf";

/**
 * p-value of a t statistic with `df` degrees of freedom. Each tail is taken from the lower CDF
 * at −|t| (no `1 − cdf`), so tiny p-values keep their relative precision, as R's `pt` does:
 * two-sided 2·F(−|t|), "less" F(t), "greater" F(−t).
 *
 * @example
 * tPValue(-2, 2, "two-sided") //=> 1 - 2 / Math.sqrt(6) ≈ 0.1835
 */
export function tPValue(t: number, df: number, alternative: Alternative): number | null {
  switch (alternative) {
    case "less":
      return probability(studentTCdf(t, df));
    case "greater":
      return probability(studentTCdf(-t, df));
    default:
      return probability(2 * studentTCdf(-Math.abs(t), df));
  }
}
