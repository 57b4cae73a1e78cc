/**
 * The distinct values of a sample in ascending order with their counts (a histogram), and the
 * order statistics and quantiles that follow from it without sorting the whole sample.
 */
export interface SortedCounts {
  /** Distinct values, ascending. */
  readonly values: Float64Array;
  /** counts[i] = how often values[i] occurs. */
  readonly counts: Float64Array;
  /** cumulative[i] = number of observations ≤ values[i]. */
  readonly cumulative: Float64Array;
  /** Total number of observations. */
  readonly n: number;
}

/**
 * Above this many distinct values counting in a Map stops paying off; the sample is then
 * sorted (typed-array sort) and run-length encoded instead. Both give the same result.
 */
const MAP_LIMIT = 4096;

function fromMap(map: Map<number, number>, n: number): SortedCounts {
  const keys = Float64Array.from(map.keys()).sort();
  const counts = new Float64Array(keys.length);
  const cumulative = new Float64Array(keys.length);
  let running = 0;
  for (let i = 0; i < keys.length; i++) {
    const count = map.get(keys[i] as number) as number;
    counts[i] = count;
    running += count;
    cumulative[i] = running;
  }
  return { values: keys, counts, cumulative, n };
}

function fromSorted(sorted: Float64Array): SortedCounts {
  const values = new Float64Array(sorted.length);
  const counts = new Float64Array(sorted.length);
  const cumulative = new Float64Array(sorted.length);
  let k = 0;
  let i = 0;
  while (i < sorted.length) {
    const value = sorted[i] as number;
    let j = i + 1;
    // `===` treats -0 and +0 as one value, as the Map does.
    while (j < sorted.length && sorted[j] === value) j++;
    values[k] = value === 0 ? 0 : value;
    counts[k] = j - i;
    cumulative[k] = j;
    k++;
    i = j;
  }
  return {
    values: values.slice(0, k),
    counts: counts.slice(0, k),
    cumulative: cumulative.slice(0, k),
    n: sorted.length,
  };
}

/**
 * Histogram of finite values. Counts them in a Map (O(n) plus O(k log k) for k distinct
 * values), which is what Likert data need; falls back to sorting a copy when the values turn
 * out to be (nearly) all distinct.
 */
export function sortedCounts(values: Float64Array): SortedCounts {
  const map = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    map.set(value, (map.get(value) ?? 0) + 1);
    if (map.size > MAP_LIMIT) return fromSorted(values.slice().sort());
  }
  return fromMap(map, values.length);
}

/** The k-th smallest observation (1-based, 1 ≤ k ≤ n), by binary search on the cumulative counts. */
export function orderStatistic(sc: SortedCounts, k: number): number {
  let lo = 0;
  let hi = sc.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sc.cumulative[mid] as number) >= k) hi = mid;
    else lo = mid + 1;
  }
  return sc.values[lo] as number;
}

/**
 * Sample quantile of type 7 (Hyndman & Fan 1996), R's default: with h = 1 + (n − 1)p,
 * lo = ⌊h⌋, hi = ⌈h⌉: q = (1 − (h − lo))·x₍lo₎ + (h − lo)·x₍hi₎, written as R's
 * `quantile.default` writes it. Requires n ≥ 1.
 */
export function quantileType7(sc: SortedCounts, p: number): number {
  const index = 1 + Math.max(sc.n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = orderStatistic(sc, lo);
  const xHi = orderStatistic(sc, hi);
  if (index > lo && xHi !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * xHi;
  }
  return qs;
}

/** Median (R's `median`: the mean of the two middle order statistics when n is even). */
export function medianOf(sc: SortedCounts): number {
  const half = Math.floor((sc.n + 1) / 2);
  if (sc.n % 2 === 1) return orderStatistic(sc, half);
  return (orderStatistic(sc, half) + orderStatistic(sc, half + 1)) / 2;
}
