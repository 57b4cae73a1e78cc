import { checkOptionKeys } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { finiteValues } from "./finiteValues";
import { weightedMean } from "./moments";
import { medianOf, quantileType7, type SortedCounts, sortedCounts } from "./sortedCounts";
import type { NumericInput } from "./types";

/** Options of {@link describe}. */
export interface DescribeOptions {
  /** Fraction trimmed from each end for `trimmed` (0 ≤ trim < 0.5); default 0.1, as psych. */
  readonly trim?: number;
}

/** Descriptive statistics of one variable, as `psych::describe` plus quartiles. */
export interface Description {
  /** Number of non-missing values. */
  readonly n: number;
  /** Number of missing values (null, undefined, NaN). */
  readonly missing: number;
  readonly mean: number | null;
  /** Standard deviation with the n − 1 divisor. */
  readonly sd: number | null;
  /** Standard error of the mean, sd/√n. */
  readonly se: number | null;
  readonly min: number | null;
  /** First quartile (R type 7). */
  readonly q1: number | null;
  readonly median: number | null;
  /** Third quartile (R type 7). */
  readonly q3: number | null;
  readonly max: number | null;
  /** max − min. */
  readonly range: number | null;
  /** Trimmed mean, R's `mean(x, trim = trim)`. */
  readonly trimmed: number | null;
  /** The trim fraction used for `trimmed`. */
  readonly trim: number;
  /** Median absolute deviation × 1.4826, R's `mad(x)`. */
  readonly mad: number | null;
  /** Skewness b₁ = m₃/s³ (psych type 3; m₃ = Σ(x − x̄)³/n, s the n − 1 SD). */
  readonly skewness: number | null;
  /** Excess kurtosis b₂ = m₄/s⁴ − 3 (psych type 3). */
  readonly kurtosis: number | null;
  /** Why a field is null. */
  readonly warnings: readonly Notice[];
}

const MAD_CONSTANT = 1.4826;

function trimmedMean(sc: SortedCounts, trim: number): number {
  if (trim >= 0.5) return medianOf(sc);
  const lo = Math.floor(sc.n * trim) + 1;
  const hi = sc.n + 1 - lo;
  const m = hi - lo + 1;
  // How many of the order statistics lo..hi fall in run i of equal values.
  const kept = (i: number): number => {
    const upto = sc.cumulative[i] as number;
    const from = upto - (sc.counts[i] as number) + 1;
    return Math.max(0, Math.min(upto, hi) - Math.max(from, lo) + 1);
  };
  let sum = 0;
  for (let i = 0; i < sc.values.length; i++) sum += (sc.values[i] as number) * kept(i);
  const mean = sum / m;
  let correction = 0;
  for (let i = 0; i < sc.values.length; i++)
    correction += ((sc.values[i] as number) - mean) * kept(i);
  return mean + correction / m;
}

/**
 * MAD without sorting the deviations: below the median the deviations M − v grow as v falls,
 * above it v − M grows as v rises, so the ascending deviations are a merge of two runs walked
 * outwards from the median (O(k) for k distinct values).
 */
function medianAbsoluteDeviation(sc: SortedCounts, center: number): number {
  const n = sc.n;
  const first = Math.floor((n + 1) / 2);
  const second = n % 2 === 1 ? first : first + 1;
  let right = 0;
  while (right < sc.values.length && (sc.values[right] as number) <= center) right++;
  let left = right - 1;
  let seen = 0;
  let low = Number.NaN;
  while (left >= 0 || right < sc.values.length) {
    const leftDeviation =
      left >= 0 ? Math.abs((sc.values[left] as number) - center) : Number.POSITIVE_INFINITY;
    const rightDeviation =
      right < sc.values.length
        ? Math.abs((sc.values[right] as number) - center)
        : Number.POSITIVE_INFINITY;
    let deviation: number;
    let count: number;
    if (leftDeviation <= rightDeviation) {
      deviation = leftDeviation;
      count = sc.counts[left] as number;
      left--;
    } else {
      deviation = rightDeviation;
      count = sc.counts[right] as number;
      right++;
    }
    if (seen < first && seen + count >= first) low = deviation;
    if (seen + count >= second) return MAD_CONSTANT * ((low + deviation) / 2);
    seen += count;
  }
  return Number.NaN;
}

/**
 * Descriptive statistics of one numeric variable: n, missing, mean, SD, SE, min, quartiles,
 * max, range, trimmed mean, MAD, skewness and kurtosis.
 *
 * The values are counted into a histogram of distinct values (a Map), so Likert answers are
 * never sorted: order statistics come from cumulative counts, O(n + k log k) for k distinct
 * values. Moments are two-pass over the histogram.
 *
 * Formulas: sd = √(Σ(x − x̄)²/(n − 1)); se = sd/√n; quartiles type 7 (Hyndman & Fan 1996):
 * h = 1 + (n − 1)p, q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌈h⌉₎ − x₍⌊h⌋₎); trimmed mean over the order
 * statistics lo..n + 1 − lo with lo = ⌊n·trim⌋ + 1; mad = 1.4826·median|x − median(x)|;
 * skewness = m₃/s³, kurtosis = m₄/s⁴ − 3 with mₖ = Σ(x − x̄)ᵏ/n and s the n − 1 SD
 * (Joanes & Gill 1998, The Statistician 47(1), type 3 = b₁, b₂ as psych names them).
 *
 * In R: `psych::describe(x)` (n, mean, sd, median, trimmed, mad, min, max, range, skew,
 * kurtosis, se) and `quantile(x, c(.25, .75))`.
 *
 * @category stats
 * @param values - numbers; null, undefined and NaN are missing and counted in `missing`
 * @param options - `trim` (default 0.1)
 * @returns a plain {@link Description}; fields that need more data are null with a warning
 * @throws {ServqualError} `invalid-input` for ±Infinity or a non-number entry;
 *   `invalid-options` for a trim outside [0, 0.5]
 * @example
 * describe([1, 2, 3, 4, 100, null]);
 * //=> { n: 5, missing: 1, mean: 22, median: 3, q1: 2, q3: 4, min: 1, max: 100, range: 99,
 * //     trimmed: 22, mad: 1.4826, … }
 */
export function describe(values: NumericInput, options: DescribeOptions = {}): Description {
  checkOptionKeys("describe", options, ["trim"]);
  const trim = options.trim ?? 0.1;
  if (typeof trim !== "number" || !(trim >= 0 && trim <= 0.5)) {
    throw new ServqualError("invalid-options", "describe: trim must be between 0 and 0.5", [
      { code: "out-of-range", message: `trim is ${String(trim)}`, path: ["trim"] },
    ]);
  }
  const { values: x, missing } = finiteValues(values, "describe");
  const n = x.length;
  const warnings: Notice[] = [];
  if (n === 0) {
    warnings.push(notice("no-data", "no non-missing values: every statistic is null"));
    return {
      n,
      missing,
      mean: null,
      sd: null,
      se: null,
      min: null,
      q1: null,
      median: null,
      q3: null,
      max: null,
      range: null,
      trimmed: null,
      trim,
      mad: null,
      skewness: null,
      kurtosis: null,
      warnings,
    };
  }
  const sc = sortedCounts(x);
  const mean = weightedMean(sc.values, sc.counts, n);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < sc.values.length; i++) {
    const dev = (sc.values[i] as number) - mean;
    const count = sc.counts[i] as number;
    const dev2 = dev * dev;
    s2 += count * dev2;
    s3 += count * dev2 * dev;
    s4 += count * dev2 * dev2;
  }
  const min = sc.values[0] as number;
  const max = sc.values[sc.values.length - 1] as number;
  const median = medianOf(sc);
  let sd: number | null = null;
  let se: number | null = null;
  let skewness: number | null = null;
  let kurtosis: number | null = null;
  if (n < 2) {
    warnings.push(
      notice("too-few-values", "n = 1: sd, se, skewness and kurtosis need at least 2 values"),
    );
  } else {
    sd = Math.sqrt(s2 / (n - 1));
    se = sd / Math.sqrt(n);
    if (sd > 0) {
      skewness = s3 / n / sd ** 3;
      kurtosis = s4 / n / sd ** 4 - 3;
    } else {
      warnings.push(
        notice(
          "zero-variance",
          "all values are equal (sd = 0): skewness and kurtosis are undefined",
        ),
      );
    }
  }
  return {
    n,
    missing,
    mean,
    sd,
    se,
    min,
    q1: quantileType7(sc, 0.25),
    median,
    q3: quantileType7(sc, 0.75),
    max,
    range: max - min,
    trimmed: trimmedMean(sc, trim),
    trim,
    mad: medianAbsoluteDeviation(sc, median),
    skewness,
    kurtosis,
    warnings,
  };
}
