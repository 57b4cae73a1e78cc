import { tPValue } from "../../stats/distributions/tPValue";

/** Spearman's rank correlation with its test (see {@link spearmanRho}). */
export interface SpearmanTest {
  readonly n: number;
  /** ρ: Pearson's correlation of the mid-ranks; null when either variable is constant or n < 3. */
  readonly rho: number | null;
  /** S = (n³ − n)(1 − ρ)/6, R's statistic. */
  readonly s: number | null;
  /** t = ρ·√((n − 2)/(1 − ρ²)) on n − 2 degrees of freedom. */
  readonly t: number | null;
  readonly df: number;
  /** Two-sided p-value from the t distribution. */
  readonly p: number | null;
}

/** Mid-ranks (ties get the mean of the ranks they span), 1-based. */
export function midRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation (Spearman 1904) with the test R's `cor.test(x, y, method =
 * "spearman", exact = FALSE)` uses for tied data: ρ is Pearson's correlation of the mid-ranks,
 * t = ρ·√((n − 2)/(1 − ρ²)) on n − 2 df, two-sided p = 2·P(T ≥ |t|). Escalation depths and
 * scale answers are heavily tied, so the exact permutation p of untied data does not apply.
 *
 * @example
 * spearmanRho([1, 2, 3, 4], [1, 3, 2, 4]).rho //=> 0.8
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): SpearmanTest {
  const n = x.length;
  const df = n - 2;
  const none = { n, rho: null, s: null, t: null, df, p: null };
  if (n < 3) return none;
  const rx = midRanks(x);
  const ry = midRanks(y);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = (rx[i] as number) - mean;
    const b = (ry[i] as number) - mean;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  if (sxx === 0 || syy === 0) return none;
  const rho = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const s = ((n * n * n - n) * (1 - rho)) / 6;
  if (Math.abs(rho) === 1) return { n, rho, s, t: null, df, p: 0 };
  const t = rho * Math.sqrt(df / (1 - rho * rho));
  return { n, rho, s, t, df, p: tPValue(t, df, "two-sided") };
}
