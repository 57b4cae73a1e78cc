/**
 * Σ(x − x̄)² from running sums, Σx² − (Σx)²/n, with rounding noise cut to exactly 0.
 *
 * Sum-of-squares cancellation leaves noise of about n·ε relative to the raw sum of squares
 * (more when the values are fractions such as respondent means): constant data must give a
 * variance of exactly 0, not 1e-16, or a zero-variance score would get a correlation. The
 * cost: a genuine variance below (64 + n)·ε of the raw sum of squares also reads as 0.
 *
 * @param squares - Σx² (of values shifted by any constant)
 * @param sum - Σx (of the same shifted values)
 * @param n - number of values
 * @param magnitude - the size of the raw squares the noise is relative to (usually `squares`)
 */
export function centredSquares(
  squares: number,
  sum: number,
  n: number,
  magnitude = squares,
): number {
  const m2 = squares - (sum * sum) / n;
  return m2 <= (64 + n) * Number.EPSILON * Math.abs(magnitude) ? 0 : m2;
}
