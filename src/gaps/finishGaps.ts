import { expectShape, shapes } from "../_lib/guards";
import type { Instrument } from "../instrument/types";
import type { MissingPolicy } from "../responses/types";
import { adjustPValues, type PAdjustMethod } from "../stats/adjustPValues";
import type { PairMoments } from "../stats/pairedAccumulator";
import type { GapAccumulator } from "./gapAccumulator";
import { summarizeGap } from "./summarizeGap";
import type { DimensionRef, GapStatistics, ItemRef } from "./types";
import { type WeightedOverall, weightedOverall } from "./weightedOverall";

/** Item, dimension and overall tables of one gap. */
export interface GapTables<Required extends string, Delivered extends string> {
  readonly instrument: {
    readonly id: string;
    readonly name: string;
    readonly scaleMin: number;
    readonly scaleMax: number;
  };
  readonly missingPolicy: MissingPolicy;
  readonly level: number;
  /** How p-values are adjusted within each family (all items; all dimensions). */
  readonly pAdjustMethod: PAdjustMethod;
  /** Respondents with at least one dimension score. */
  readonly respondents: number;
  readonly items: readonly (ItemRef & GapStatistics<Required, Delivered>)[];
  readonly dimensions: readonly (DimensionRef & GapStatistics<Required, Delivered>)[];
  readonly overall: {
    /** Per respondent: mean of their dimension scores (each dimension counts equally); then averaged. */
    readonly unweighted: GapStatistics<Required, Delivered>;
    /** SQ = (1/D)·Σ_d SQ_d: the plain mean of the dimension gaps in `dimensions`. */
    readonly meanOfDimensionGaps: number | null;
    /** Per respondent: mean of all answered item gaps (weights dimensions by item count); then averaged. */
    readonly itemMean: GapStatistics<Required, Delivered>;
    /** Importance-weighted overall gap, or null when the data carry no importance points. */
    readonly weighted: WeightedOverall<Required, Delivered> | null;
  };
}

const NAMES = {
  what: "the facet names { required, delivered }",
  fields: { required: "string", delivered: "string" },
} as const;

/** Finishes an accumulator into gap tables (no tests; see gap5 for the full result). */
export function finishGaps<Required extends string, Delivered extends string>(
  accumulator: GapAccumulator,
  instrument: Instrument,
  missingPolicy: MissingPolicy,
  names: { readonly required: Required; readonly delivered: Delivered },
  level = 0.95,
  pAdjustMethod: PAdjustMethod = "holm",
): GapTables<Required, Delivered> {
  expectShape("finishGaps", "accumulator", accumulator, shapes.gapAccumulator);
  expectShape("finishGaps", "instrument", instrument, shapes.instrument);
  expectShape("finishGaps", "missingPolicy", missingPolicy, shapes.missingPolicy);
  expectShape("finishGaps", "names", names, NAMES);
  const summarize = (moments: PairMoments) =>
    summarizeGap(moments, accumulator.shift, names, level);
  const itemStats = adjustFamily(accumulator.items.map(summarize), pAdjustMethod);
  let itemIndex = 0;
  const items: (ItemRef & GapStatistics<Required, Delivered>)[] = [];
  for (const dimension of instrument.dimensions) {
    for (const item of dimension.items) {
      items.push({
        item: item.id,
        label: item.label,
        dimension: dimension.id,
        ...(itemStats[itemIndex] as GapStatistics<Required, Delivered>),
      });
      itemIndex += 1;
    }
  }
  const dimensionStats = adjustFamily(accumulator.dimensions.map(summarize), pAdjustMethod);
  const dimensions = instrument.dimensions.map((dimension, d) => ({
    dimension: dimension.id,
    label: dimension.label,
    items: dimension.items.map((item) => item.id),
    unscored: accumulator.unscored[d] as number,
    ...(dimensionStats[d] as GapStatistics<Required, Delivered>),
  }));
  const gaps = dimensionStats.map((s) => s.gap.mean);
  const meanOfDimensionGaps = gaps.every((g) => g !== null)
    ? (gaps as number[]).reduce((a, b) => a + b, 0) / gaps.length
    : null;
  return {
    instrument: {
      id: instrument.id,
      name: instrument.name,
      scaleMin: instrument.scale.min,
      scaleMax: instrument.scale.max,
    },
    missingPolicy,
    level,
    pAdjustMethod,
    respondents: accumulator.respondents,
    items,
    dimensions,
    overall: {
      unweighted: summarize(accumulator.overallUnweighted),
      meanOfDimensionGaps,
      itemMean: summarize(accumulator.overallItemMean),
      weighted: weightedOverall(accumulator, instrument, dimensionStats, names, level),
    },
  };
}

/** Adjusts the t-test and Wilcoxon p-values of a family of gaps (R's p.adjust). */
function adjustFamily<Required extends string, Delivered extends string>(
  stats: readonly GapStatistics<Required, Delivered>[],
  method: PAdjustMethod,
): GapStatistics<Required, Delivered>[] {
  const t = adjustPValues(
    stats.map((s) => s.tTest.pValue),
    method,
  ).adjusted;
  const w = adjustPValues(
    stats.map((s) => s.wilcoxon?.pValue ?? null),
    method,
  ).adjusted;
  return stats.map((s, i) => ({
    ...s,
    tTest: { ...s.tTest, pAdjusted: t[i] ?? null },
    wilcoxon: s.wilcoxon === null ? null : { ...s.wilcoxon, pAdjusted: w[i] ?? null },
  }));
}
