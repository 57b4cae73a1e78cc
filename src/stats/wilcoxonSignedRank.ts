import { checkOptionKeys } from "../_lib/guards";
import { pairedDifferences } from "./pairedDifferences";
import type { NumericInput } from "./types";
import {
  type AbsoluteRuns,
  runsFromEntries,
  signedRankFromRuns,
  WILCOXON_OPTIONS,
  type WilcoxonOptions,
  type WilcoxonSignedRankResult,
} from "./wilcoxonSignedRankFromCounts";

/** Above this many distinct differences, sorting beats counting in a Map. */
const MAP_LIMIT = 4096;

/**
 * Runs of equal |d| from nearly continuous differences: the positive d and the |negative d|
 * are sorted separately (typed-array sorts) and merged, so signs survive without a Map.
 */
function runsBySorting(d: Float64Array): { runs: AbsoluteRuns; nZero: number } {
  let nPositive = 0;
  let nNegative = 0;
  for (let i = 0; i < d.length; i++) {
    const value = d[i] as number;
    if (value > 0) nPositive++;
    else if (value < 0) nNegative++;
  }
  const pos = new Float64Array(nPositive);
  const neg = new Float64Array(nNegative);
  let p = 0;
  let q = 0;
  for (let i = 0; i < d.length; i++) {
    const value = d[i] as number;
    if (value > 0) pos[p++] = value;
    else if (value < 0) neg[q++] = -value;
  }
  pos.sort();
  neg.sort();
  const size = nPositive + nNegative;
  const abs = new Float64Array(size);
  const posCounts = new Float64Array(size);
  const negCounts = new Float64Array(size);
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < nPositive || j < nNegative) {
    const value = Math.min(
      i < nPositive ? (pos[i] as number) : Number.POSITIVE_INFINITY,
      j < nNegative ? (neg[j] as number) : Number.POSITIVE_INFINITY,
    );
    const i0 = i;
    const j0 = j;
    while (i < nPositive && pos[i] === value) i++;
    while (j < nNegative && neg[j] === value) j++;
    abs[k] = value;
    posCounts[k] = i - i0;
    negCounts[k] = j - j0;
    k++;
  }
  return {
    runs: { abs: abs.slice(0, k), pos: posCounts.slice(0, k), neg: negCounts.slice(0, k) },
    nZero: d.length - size,
  };
}

/**
 * Wilcoxon signed-rank test of paired data x and y on d = x − y (Wilcoxon 1945, Biometrics
 * Bulletin 1(6)).
 *
 * The differences of the complete pairs are counted into a histogram (a Map, O(n)) and ranked
 * as in {@link wilcoxonSignedRankFromCounts}: Likert differences take few distinct values, so
 * the ranks follow by counting, with no sort of the data (when there are more than 4096
 * distinct differences the positive and negative ones are sorted instead, which gives the same
 * runs). Zero differences are dropped, ties get average ranks, the normal approximation has
 * R's tie and continuity correction, and the exact distribution is used as R uses it
 * (n′ < 50, no ties, no zeros). Pairs with a missing value are dropped and counted in
 * `missing`. For servqual's Gap 5 call it as `wilcoxonSignedRank(P, E)`: d = P − E.
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
  checkOptionKeys("wilcoxonSignedRank", options, WILCOXON_OPTIONS);
  const fn = "wilcoxonSignedRank";
  const { d, missing } = pairedDifferences(x, y, fn);
  const counts = new Map<number, number>();
  for (let i = 0; i < d.length; i++) {
    const value = d[i] as number;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > MAP_LIMIT) {
      const { runs, nZero } = runsBySorting(d);
      return signedRankFromRuns(runs, nZero, options, fn, missing);
    }
  }
  const { runs, nZero } = runsFromEntries(counts.entries(), fn);
  return signedRankFromRuns(runs, nZero, options, fn, missing);
}
