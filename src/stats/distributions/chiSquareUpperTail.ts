import { probability } from "./probability";
import { chisquareCdf } from "./stdlib/chisquareCdf";

/**
 * Upper tail P(X > x) of the chi-square distribution with `df` degrees of freedom, as
 * `1 − cdf` (absolute precision ~1e-16; R: `pchisq(x, df, lower.tail = FALSE)`).
 *
 * @example
 * chiSquareUpperTail(2, 2) //=> Math.exp(-1) ≈ 0.3679
 */
export function chiSquareUpperTail(x: number, df: number): number | null {
  if (x <= 0) return 1;
  return probability(1 - chisquareCdf(x, df));
}
