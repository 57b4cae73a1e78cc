/**
 * A distribution function's value as a probability in [0, 1], or null when it gave NaN (so a
 * result never carries NaN).
 *
 * @example
 * probability(1.0000000000000002) //=> 1
 */
export function probability(p: number): number | null {
  if (Number.isNaN(p)) return null;
  return Math.min(1, Math.max(0, p));
}
