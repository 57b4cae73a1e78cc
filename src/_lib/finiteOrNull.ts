/**
 * A number as a result field: itself when finite, null otherwise (NaN and ±Infinity never reach
 * a result; the caller adds the warning that says why).
 *
 * @example
 * finiteOrNull(0.5); //=> 0.5
 * finiteOrNull(Number.NaN); //=> null
 */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
