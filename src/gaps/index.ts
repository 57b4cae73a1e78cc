export {
  type ContributingFactorsOptions,
  type ContributingFactorsResult,
  contributingFactors,
  type FactorGapSummary,
  type FactorIndex,
  factorIndexScores,
} from "./contributingFactors";
export {
  type CrmGapFigure,
  type CrmGapTerm,
  type CrmGapView,
  type CrmGapViews,
  crmGapViews,
} from "./crmGapViews";
export type {
  GapDesign,
  GapDimensionRow,
  GapEnvelope,
  GapItemRow,
  GapNumber,
} from "./envelope";
export { finishGaps, type GapTables } from "./finishGaps";
export type {
  FiveGapCause,
  FiveGapEvidence,
  FiveGapFactor,
  FiveGapLink,
} from "./fiveGapEvidence";
export {
  type FiveGapDimension,
  type FiveGapInputs,
  type FiveGapModelResult,
  type FiveGapOptions,
  type FiveGapPresence,
  fiveGapModel,
} from "./fiveGapModel";
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
export {
  type Gap2Coverage,
  type Gap2DimensionRow,
  type Gap2Options,
  type Gap2Overall,
  type Gap2Result,
  type Gap2StandardRow,
  gap2,
} from "./gap2";
export {
  type ComplianceFigures,
  type FinishGap3Options,
  finishGap3,
  type Gap3DimensionRow,
  type Gap3Group,
  type Gap3Options,
  type Gap3Overall,
  type Gap3Result,
  type Gap3StandardRow,
  gap3,
  type HolidayRow,
  type MissSizes,
} from "./gap3";
export {
  accumulateGap3,
  createGap3Accumulator,
  type Gap3Accumulator,
  type Gap3AccumulatorOptions,
  type Gap3Cell,
  mergeGap3Accumulators,
} from "./gap3Accumulator";
export {
  type Gap4DimensionRow,
  type Gap4Options,
  type Gap4Overall,
  type Gap4PromiseRow,
  type Gap4Result,
  gap4,
  type PromiseKept,
} from "./gap4";
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
