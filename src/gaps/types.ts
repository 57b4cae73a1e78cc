import type { Interval } from "../_lib/interval";
import type { Notice } from "../_lib/notice";

export type { Interval } from "../_lib/interval";
/** Mean and standard deviation (n − 1) of one side of a gap; null when it cannot be computed. */
export interface SideSummary {
  readonly mean: number | null;
  readonly sd: number | null;
}

/** The gap itself: mean, sd, standard error and t-based confidence interval. */
export interface GapMean {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly se: number | null;
  readonly ci: Interval;
}

/** Paired t-test of the gap against 0 (as `t.test(P, E, paired = TRUE)`), with its adjusted p. */
export interface GapTTest {
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** p adjusted across the family (items, or dimensions) by `pAdjustMethod`. */
  readonly pAdjusted: number | null;
}

/** Wilcoxon signed-rank test of the gap (as `wilcox.test(P, E, paired = TRUE)`), on exact ranks. */
export interface GapWilcoxon {
  readonly V: number;
  readonly pValue: number | null;
  readonly pAdjusted: number | null;
  readonly method: string;
  /** Respondents with a non-zero gap (zeros are dropped, as R does). */
  readonly nonZero: number;
  /** Matched-pairs rank-biserial correlation (T⁺ − T⁻)/(T⁺ + T⁻). */
  readonly rankBiserial: number | null;
}

/**
 * One side of a gap: which facet it is (`side`) with its mean and SD (n − 1). The field holding
 * it is always `required` or `delivered`, whatever the facets are.
 */
export interface GapSide<Side extends string = string> extends SideSummary {
  /** The facet on this side: `expectation`, `adequate`, `desired` (required) or `perception` (delivered). */
  readonly side: Side;
}

/**
 * Statistics of one gap `delivered − required` (Gap 5: perception − expectation) over the
 * respondents with both sides: the two sides' means and SDs, the gap's mean, SD, SE and CI, the
 * share of respondents with a negative gap (a shortfall) and the correlation of the two sides.
 * The sides are always in `required` and `delivered`, each naming its facet in `side`:
 * `expectation`/`perception` for Gap 5, `adequate`/`perception` for MSA, `desired`/`perception`
 * for MSS.
 */
export interface GapStatistics<
  Required extends string = string,
  Delivered extends string = string,
> {
  readonly n: number;
  /** The required side (Gap 5: expectation E). */
  readonly required: GapSide<Required>;
  /** The delivered side (Gap 5: perception P). */
  readonly delivered: GapSide<Delivered>;
  readonly gap: GapMean;
  readonly shareNegative: number | null;
  /** Wilson interval of the share of negative gaps. */
  readonly shareNegativeCi: Interval;
  readonly negative: number;
  readonly zero: number;
  /** Pearson correlation of the two sides over respondents (null when a side has no variance). */
  readonly correlation: number | null;
  readonly tTest: GapTTest;
  /** Null when the exact ranks could not be kept (see warnings). */
  readonly wilcoxon: GapWilcoxon | null;
  /** Cohen's d_z = mean gap / SD of gaps, with a normal-approximation interval. */
  readonly effectSize: { readonly dz: number | null; readonly ci: Interval };
  readonly warnings: readonly Notice[];
}

/** Gap 5 statistics: perception − expectation. */
export type Gap5Statistics = GapStatistics<"expectation", "perception">;

/** Identification of an item row in a gap table. */
export interface ItemRef {
  readonly item: string;
  readonly label: string;
  readonly dimension: string;
}

/** Identification of a dimension row in a gap table. */
export interface DimensionRef {
  readonly dimension: string;
  readonly label: string;
  readonly items: readonly string[];
  /** Respondents without a score for this dimension (too few items answered under the policy). */
  readonly unscored: number;
}
