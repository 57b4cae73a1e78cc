import type { Interval } from "../_lib/interval";
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

/** A confidence interval: the library's one {@link Interval} (kept under this name for stats callers). */
export type ConfidenceInterval = Interval;
