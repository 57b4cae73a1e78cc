import { probability } from "./probability";
import { fCdf } from "./stdlib/fCdf";

/**
 * Upper tail P(F > f) of the F(d1, d2) distribution, computed as P(F' < 1/f) with
 * F' ~ F(d2, d1), which keeps the precision of small p-values (R: `pf(f, d1, d2, lower.tail = FALSE)`).
 *
 * @example
 * fUpperTail(1, 4, 4) //=> 0.5
 */
export function fUpperTail(f: number, d1: number, d2: number): number | null {
  if (f <= 0) return 1;
  return probability(fCdf(1 / f, d2, d1));
}
