import { checkOptionKeys } from "../_lib/guards";
import { differenceSummary } from "./pairedDifferences";
import {
  type PairedTTestOptions,
  type PairedTTestResult,
  T_TEST_OPTIONS,
  tTestCore,
} from "./pairedTTestFromSummary";
import type { NumericInput } from "./types";

/**
 * Paired t-test of x against y on the differences d = x − y of the complete pairs.
 *
 * t = (d̄ − μ₀)/(s_d/√n), df = n − 1 (Student 1908, Biometrika 6(1)); the mean and SD of d
 * are two-pass. Pairs with a missing x or y are dropped (R's `complete.cases`) and counted in
 * `missing`. For servqual's Gap 5 call it as `pairedTTest(P, E)`: d = P − E.
 *
 * In R: `t.test(x, y, paired = TRUE, alternative, mu, conf.level)`.
 *
 * @category stats
 * @param x - first measurement per respondent (e.g. perception P)
 * @param y - second measurement per respondent (e.g. expectation E), same length
 * @param options - alternative ("two-sided" | "less" | "greater"), level (0.95), mu (0)
 * @returns t, df, pValue, ci, meanDifference, stderr, method; null + warning when n < 2 or the
 *   differences are constant; a one-sided interval has its infinite bound as null plus a note
 * @throws {ServqualError} `invalid-input` (`length-mismatch`) when x and y differ in length, and
 *   for ±Infinity or non-numbers; `invalid-options` for a bad alternative, level or mu
 * @example
 * pairedTTest([5, 6, 7, 4], [6, 6, 5, 2]);
 * //=> { method: "Paired t-test", n: 4, meanDifference: 0.75, stderr: 0.75, t: 1, df: 3,
 * //     pValue: 0.391002…, ci: { level: 0.95, lower: -1.636835…, upper: 3.136835… }, … }
 */
export function pairedTTest(
  x: NumericInput,
  y: NumericInput,
  options: PairedTTestOptions = {},
): PairedTTestResult {
  checkOptionKeys("pairedTTest", options, T_TEST_OPTIONS);
  return tTestCore(differenceSummary(x, y, "pairedTTest"), options, "pairedTTest", "Paired t-test");
}
