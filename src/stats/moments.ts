/** Mean and sample variance of a sample; variance is NaN for n < 2 (callers turn it into null). */
export interface MeanVariance {
  readonly n: number;
  readonly mean: number;
  /** Sum of squared deviations from the mean, Σ(x − x̄)². */
  readonly sumSquares: number;
  /** Σ(x − x̄)² / (n − 1); NaN when n < 2. */
  readonly variance: number;
}

/**
 * Two-pass mean and variance. The mean gets R's refinement step
 * x̄ = m + Σ(x − m)/n with m = Σx/n (as `mean.default` does in long double), then
 * variance = Σ(x − x̄)²/(n − 1) (Chan, Golub & LeVeque 1983: the two-pass algorithm).
 */
export function meanVariance(values: ArrayLike<number>): MeanVariance {
  const n = values.length;
  if (n === 0) return { n, mean: Number.NaN, sumSquares: Number.NaN, variance: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  let mean = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += (values[i] as number) - mean;
  mean += correction / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dev = (values[i] as number) - mean;
    ss += dev * dev;
  }
  return { n, mean, sumSquares: ss, variance: n > 1 ? ss / (n - 1) : Number.NaN };
}

/** Sum Σ vᵢ·cᵢ of a histogram's values weighted by counts, refined like {@link meanVariance}. */
export function weightedMean(
  values: ArrayLike<number>,
  counts: ArrayLike<number>,
  n: number,
): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * (counts[i] as number);
  let mean = sum / n;
  let correction = 0;
  for (let i = 0; i < values.length; i++) {
    correction += ((values[i] as number) - mean) * (counts[i] as number);
  }
  mean += correction / n;
  return mean;
}
