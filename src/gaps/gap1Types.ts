import type { Interval } from "../_lib/interval";
import type { Notice } from "../_lib/notice";
import type { PAdjustMethod } from "../stats/adjustPValues";
import type { GapEnvelope } from "./envelope";

/** Options of {@link gap1}. */
export interface Gap1Options {
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** p-value adjustment within the item family and the dimension family (default "holm"). */
  readonly pAdjust?: PAdjustMethod;
  /** How many items to list in `underestimated` and `overestimated` (default 3). */
  readonly top?: number;
  /** Customers to use, as row indices of the customers' dataset (default all). */
  readonly rows?: Int32Array;
  /** Managers to use, as row indices of the managers' dataset (default all). */
  readonly managerRows?: Int32Array;
}

/** One side of Gap 1: which group it is, how many answered, their mean and SD (n − 1). */
export interface Gap1Side<Side extends "customers" | "managers"> {
  readonly side: Side;
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

/**
 * The test of Gap 1: Welch's t-test of managers vs customers when at least two managers
 * answered, else the one-sample t-test of the customers' expectations against the one manager's
 * estimate (t and the interval are of managers − customers).
 */
export interface Gap1Test {
  readonly method: "welch" | "one-sample" | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** p adjusted within the family (items, or dimensions) by `pAdjustMethod`. */
  readonly pAdjusted: number | null;
}

/** Gap 1 on one item, dimension or overall: managers' estimate − customers' expectation. */
export interface Gap1Statistics {
  /** Customers' expectation. */
  readonly required: Gap1Side<"customers">;
  /** Managers' estimate of it. */
  readonly delivered: Gap1Side<"managers">;
  /** Mean estimate − mean expectation (negative: management underestimates), with its t interval. */
  readonly gap: {
    readonly mean: number | null;
    readonly se: number | null;
    readonly ci: Interval;
  };
  readonly test: Gap1Test;
  /** Hedges' g (managers − customers, in SD units) with a normal-approximation interval. */
  readonly effectSize: { readonly g: number | null; readonly ci: Interval };
  readonly warnings: readonly Notice[];
}

/**
 * Gap 1 overall: the comparison of respondents' overall scores (mean of their dimension
 * scores) plus two figures over items: how far off managers are on average, and whether they
 * at least rank the items as customers do.
 */
export interface Gap1Overall extends Gap1Statistics {
  /** Mean over items of |gap_i| (items with a gap), or null when no item has one. */
  readonly meanAbsoluteItemGap: number | null;
  /**
   * Spearman's ρ between managers' and customers' item means (average ranks for ties; null with
   * fewer than 3 items or when one side's means are all equal).
   */
  readonly itemRankCorrelation: number | null;
}

/** An item where management misjudges customers' expectations. */
export interface Gap1Misjudgement {
  readonly item: string;
  readonly label: string;
  readonly dimension: string;
  readonly gap: number;
  readonly g: number | null;
}

/** The Gap 1 result in the common gap envelope (gap 1, design `independent-groups`). */
export type Gap1Result = GapEnvelope<
  { readonly item: string; readonly label: string; readonly dimension: string } & Gap1Statistics,
  {
    readonly dimension: string;
    readonly label: string;
    readonly items: readonly string[];
  } & Gap1Statistics,
  Gap1Overall
> & {
  readonly gap: 1;
  readonly name: "Gap 1: management's perception vs customers' expectations";
  readonly design: "independent-groups";
  readonly unit: "scale points";
  readonly sign: "managers' estimate − customers' expectation; negative = management underestimates";
  readonly instrument: {
    readonly id: string;
    readonly name: string;
    readonly scaleMin: number;
    readonly scaleMax: number;
  };
  readonly level: number;
  readonly pAdjustMethod: PAdjustMethod;
  /** Customers and managers with at least one dimension score. */
  readonly customers: number;
  readonly managers: number;
  /** Items with a negative gap, most negative first (at most `top`). */
  readonly underestimated: readonly Gap1Misjudgement[];
  /** Items with a positive gap, most positive first (at most `top`). */
  readonly overestimated: readonly Gap1Misjudgement[];
};
