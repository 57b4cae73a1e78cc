import type { Interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { checkLevel } from "./checkOptions";
import { studentTQuantile } from "./distributions/studentTQuantile";
import { finiteValues } from "./finiteValues";
import { meanVariance } from "./moments";
import type { NumericInput } from "./types";

/** Result of {@link meanCI}. */
export interface MeanConfidenceInterval extends Interval {
  /** Non-missing values used. */
  readonly n: number;
  /** Missing values dropped (null, undefined, NaN). */
  readonly missing: number;
  readonly mean: number | null;
  /** SD with the n − 1 divisor. */
  readonly sd: number | null;
  /** Standard error sd/√n. */
  readonly se: number | null;
  /** Degrees of freedom n − 1. */
  readonly df: number | null;
  /** `"t"`. */
  readonly method: "t";
  readonly warnings: readonly Notice[];
}

/**
 * Confidence interval of a mean from the t distribution: x̄ ± t₁₋α/₂,ₙ₋₁ · s/√n
 * (Student 1908, Biometrika 6(1)).
 *
 * In R: `t.test(x, conf.level = level)$conf.int`.
 *
 * @category stats
 * @param values - numbers; null, undefined and NaN are dropped and counted in `missing`
 * @param level - confidence level, default 0.95
 * @returns the interval; `lower`/`upper` are null with a warning when n < 2 or all values are
 *   equal (R's t.test stops there with "data are essentially constant")
 * @throws {ServqualError} `invalid-input` for ±Infinity or non-numbers; `invalid-options` for a
 *   level outside (0, 1)
 * @example
 * meanCI([1, 2, 3, 4, 5]);
 * //=> { n: 5, mean: 3, sd: 1.5811…, se: 0.7071…, df: 4, level: 0.95,
 * //     lower: 1.036757…, upper: 4.963243…, … }
 */
export function meanCI(values: NumericInput, level = 0.95): MeanConfidenceInterval {
  const confidence = checkLevel(level, "meanCI");
  const { values: x, missing } = finiteValues(values, "meanCI");
  const n = x.length;
  const warnings: Notice[] = [];
  const empty = {
    n,
    missing,
    sd: null,
    se: null,
    df: null,
    level: confidence,
    method: "t" as const,
    lower: null,
    upper: null,
  };
  if (n === 0) {
    warnings.push(notice("no-data", "no non-missing values: the mean and its interval are null"));
    return { ...empty, mean: null, warnings };
  }
  const { mean, variance } = meanVariance(x);
  if (n < 2) {
    warnings.push(notice("too-few-values", "n = 1: the interval needs at least 2 values"));
    return { ...empty, mean, warnings };
  }
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  if (!(se > 10 * Number.EPSILON * Math.abs(mean))) {
    warnings.push(
      notice("zero-variance", "all values are (essentially) equal: the interval is undefined"),
    );
    return { ...empty, mean, sd, se, df, warnings };
  }
  const q = studentTQuantile(1 - (1 - confidence) / 2, df);
  return {
    n,
    missing,
    mean,
    sd,
    se,
    df,
    level: confidence,
    method: "t" as const,
    lower: mean - q * se,
    upper: mean + q * se,
    warnings,
  };
}
