import { completePairs } from "./finiteValues";
import type { NumericInput } from "./types";
import {
  signedRankCore,
  type WilcoxonOptions,
  type WilcoxonSignedRankResult,
} from "./wilcoxonSignedRankFromCounts";

/**
 * Wilcoxon signed-rank test of paired data x and y on d = x − y (Wilcoxon 1945, Biometrics
 * Bulletin 1(6)).
 *
 * The differences of the complete pairs are counted into a histogram (a Map, O(n)) and handed
 * to {@link wilcoxonSignedRankFromCounts}: Likert differences take few distinct values, so the
 * ranks follow by counting, with no sort of the data. Zero differences are dropped, ties get
 * average ranks, the normal approximation has R's tie and continuity correction, and the exact
 * distribution is used as R uses it (n′ < 50, no ties, no zeros). Pairs with a missing value
 * are dropped and counted in `missing`. For servqual's Gap 5 call it as
 * `wilcoxonSignedRank(P, E)`: d = P − E.
 *
 * In R: `wilcox.test(x, y, paired = TRUE, alternative, exact, correct)`.
 *
 * @category stats
 * @param x - first measurement per respondent (e.g. perception P)
 * @param y - second measurement (e.g. expectation E), same length
 * @param options - alternative ("two-sided"), correct (true), exact (undefined = R's rule)
 * @returns V, pValue, n (non-zero differences), nZero, method, zStatistic (null when exact),
 *   rankBiserial; null + warning when no difference is non-zero
 * @throws {ServqualError} `invalid-input` (`length-mismatch`) for unequal lengths, ±Infinity or
 *   non-numbers; `invalid-options` for an unknown alternative
 * @example
 * // R's ?wilcox.test example (Hollander & Wolfe, depression scale):
 * const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
 * const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
 * wilcoxonSignedRank(x, y, { alternative: "greater" });
 * //=> { V: 40, pValue: 0.01953125, n: 9, nZero: 0, exact: true,
 * //     method: "Wilcoxon signed rank exact test", zStatistic: null, rankBiserial: 0.7778, … }
 */
export function wilcoxonSignedRank(
  x: NumericInput,
  y: NumericInput,
  options: WilcoxonOptions = {},
): WilcoxonSignedRankResult {
  const pairs = completePairs(x, y, "wilcoxonSignedRank");
  const counts = new Map<number, number>();
  for (let i = 0; i < pairs.x.length; i++) {
    const d = (pairs.x[i] as number) - (pairs.y[i] as number);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return signedRankCore(counts.entries(), options, "wilcoxonSignedRank", pairs.missing);
}
