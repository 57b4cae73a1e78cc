import { completePairs } from "./finiteValues";
import { meanVariance } from "./moments";
import type { DifferenceSummary } from "./pairedTTestFromSummary";
import type { NumericInput } from "./types";

/**
 * The differences dᵢ = xᵢ − yᵢ over the complete pairs (R's `complete.cases`), with the number
 * of pairs dropped for a missing value. Throws as {@link completePairs} (unequal lengths,
 * ±Infinity, non-numbers).
 */
export function pairedDifferences(
  x: NumericInput,
  y: NumericInput,
  fn: string,
): { readonly d: Float64Array; readonly missing: number } {
  const pairs = completePairs(x, y, fn);
  const d = new Float64Array(pairs.x.length);
  for (let i = 0; i < d.length; i++) d[i] = (pairs.x[i] as number) - (pairs.y[i] as number);
  return { d, missing: pairs.missing };
}

/**
 * n, two-pass mean and SD (n − 1 divisor) of the paired differences x − y: the input of
 * {@link pairedTTestFromSummary} and {@link cohenDzFromSummary}. The mean is null for n = 0,
 * the SD for n < 2.
 */
export function differenceSummary(x: NumericInput, y: NumericInput, fn: string): DifferenceSummary {
  const { d, missing } = pairedDifferences(x, y, fn);
  const { n, mean, variance } = meanVariance(d);
  return { n, mean: n > 0 ? mean : null, sd: n > 1 ? Math.sqrt(variance) : null, missing };
}
