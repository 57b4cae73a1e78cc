export {
  type ContributingFactorsOptions,
  type ContributingFactorsResult,
  contributingFactors,
  type FactorGapSummary,
  type FactorIndex,
  factorIndexScores,
} from "./contributingFactors";
export type {
  GapDesign,
  GapDimensionRow,
  GapEnvelope,
  GapItemRow,
  GapNumber,
} from "./envelope";
export { finishGaps, type GapTables } from "./finishGaps";
export {
  type Gap1Misjudgement,
  type Gap1Options,
  type Gap1Overall,
  type Gap1Result,
  type Gap1Side,
  type Gap1Statistics,
  type Gap1Test,
  gap1,
} from "./gap1";
export { type Gap5Options, type Gap5Result, gap5 } from "./gap5";
export {
  accumulateGaps,
  accumulateGapsByGroup,
  createGapAccumulator,
  type FallbackSums,
  type GapAccumulator,
  mergeGapAccumulators,
} from "./gapAccumulator";
export {
  type DimensionReliability,
  type FacetReliability,
  type GapReliabilityOptions,
  gapReliability,
  reliabilityMissingMode,
} from "./gapReliability";
export {
  type ImportancePerformanceOptions,
  type ImportancePerformanceResult,
  type IpaPoint,
  type IpaQuadrant,
  importancePerformance,
} from "./importancePerformance";
export {
  type MeanSummary,
  type ServperfOptions,
  type ServperfResult,
  servperf,
} from "./servperf";
export type {
  DimensionRef,
  Gap5Statistics,
  GapMean,
  GapSide,
  GapStatistics,
  Interval,
  ItemRef,
  SideSummary,
} from "./types";
export type { WeightedOverall } from "./weightedOverall";
export {
  type ZonePosition,
  type ZonesOfToleranceOptions,
  type ZonesOfToleranceResult,
  zonesOfTolerance,
} from "./zonesOfTolerance";
