import { expectKind } from "../_lib/guards";
import type { Notice } from "../_lib/notice";
import type { NumericInput } from "./types";
import { wilcoxonSignedRank } from "./wilcoxonSignedRank";

/** Result of {@link rankBiserialPaired}. */
export interface RankBiserialPairedResult {
  /** r = (T⁺ − T⁻)/(T⁺ + T⁻), in [−1, 1]. */
  readonly r: number | null;
  /** T⁺: rank sum of the positive differences (Wilcoxon's V). */
  readonly tPlus: number;
  /** T⁻: rank sum of the negative differences. */
  readonly tMinus: number;
  /** Non-zero differences ranked. */
  readonly n: number;
  /** Zero differences dropped. */
  readonly nZero: number;
  /** Incomplete pairs dropped. */
  readonly missing: number;
  readonly warnings: readonly Notice[];
}

/**
 * Matched-pairs rank-biserial correlation, the effect size of the Wilcoxon signed-rank test:
 * r = (T⁺ − T⁻)/(T⁺ + T⁻), the share of favourable minus unfavourable rank mass (Kerby 2014,
 * "The simple difference formula", Comprehensive Psychology 3, 11.IT.3.1; King & Minium 2003).
 * d = x − y; zero differences are dropped and ties get average ranks, as in
 * {@link wilcoxonSignedRank} (ranks by counting, no sort).
 *
 * In R: `V <- wilcox.test(x, y, paired = TRUE)$statistic; n <- sum(x != y);
 * (V - (n*(n+1)/2 - V)) / (n*(n+1)/2)`.
 *
 * @category stats
 * @param x - first measurement (e.g. P)
 * @param y - second measurement (e.g. E), same length
 * @returns r with T⁺ and T⁻; r is null + warning when every difference is zero
 * @throws {ServqualError} `invalid-input` (`length-mismatch`) for unequal lengths, ±Infinity,
 *   non-numbers
 * @example
 * rankBiserialPaired([1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3],
 *   [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]);
 * //=> { r: 0.7777…, tPlus: 40, tMinus: 5, n: 9, nZero: 0, … }
 */
export function rankBiserialPaired(x: NumericInput, y: NumericInput): RankBiserialPairedResult {
  expectKind("rankBiserialPaired", "x", x, "array-like", "an array of numbers");
  expectKind("rankBiserialPaired", "y", y, "array-like", "an array of numbers");
  const w = wilcoxonSignedRank(x, y, { exact: false });
  return {
    r: w.rankBiserial,
    tPlus: w.V,
    tMinus: w.tMinus,
    n: w.n,
    nZero: w.nZero,
    missing: w.missing,
    warnings: w.warnings,
  };
}
