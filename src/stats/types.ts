/**
 * Shared types of the statistics module.
 *
 * @module
 */

/**
 * The alternative hypothesis of a test, as R's `alternative = "two.sided" | "less" | "greater"`.
 * `"less"`: the true location (difference) is below 0; `"greater"`: above 0.
 */
export type Alternative = "two-sided" | "less" | "greater";

/**
 * Numeric input of the statistics functions: a plain array or a typed array. `null`,
 * `undefined` and `NaN` are missing values (dropped and counted); `±Infinity` is an error.
 */
export type NumericInput = ArrayLike<number | null | undefined>;

/**
 * A confidence interval. A bound that is infinite (the open side of a one-sided interval) is
 * `null`, with a note in the result that says so; never `Infinity`.
 */
export interface ConfidenceInterval {
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** Lower bound, or `null` when it is −∞ (alternative `"less"`) or cannot be computed. */
  readonly lower: number | null;
  /** Upper bound, or `null` when it is +∞ (alternative `"greater"`) or cannot be computed. */
  readonly upper: number | null;
}
