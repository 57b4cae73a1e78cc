export { accumulateItems } from "./accumulateItems";
export {
  type AverageVarianceExtractedResult,
  averageVarianceExtracted,
} from "./averageVarianceExtracted";
export { type CompositeReliabilityResult, compositeReliability } from "./compositeReliability";
export {
  type CronbachAlphaResult,
  cronbachAlpha,
  type ReliabilityInterval,
} from "./cronbachAlpha";
export {
  type DifferenceScoreInputs,
  type DifferenceScoreReliabilityResult,
  differenceScoreReliability,
} from "./differenceScoreReliability";
export {
  type FornellLarckerInputs,
  type FornellLarckerPair,
  type FornellLarckerResult,
  fornellLarckerCriterion,
} from "./fornellLarckerCriterion";
export {
  type CorrelationInput,
  type HtmtOptions,
  type HtmtPair,
  type HtmtResult,
  htmt,
} from "./htmt";
export {
  type AlphaIfItemDeleted,
  type ItemAnalysisResult,
  type ItemStatistics,
  itemAnalysis,
} from "./itemAnalysis";
export { type ItemCovarianceResult, itemCovariance } from "./itemCovariance";
export {
  type AccumulatorState,
  type AddItemColumnsOptions,
  accumulateItemColumns,
  accumulateItemRows,
  createItemCovarianceAccumulator,
  type ItemCovarianceAccumulator,
  type ItemCovarianceAccumulatorOptions,
  mergeItemCovarianceAccumulators,
} from "./itemCovarianceAccumulator";
export { type McDonaldOmegaResult, mcdonaldOmega } from "./mcdonaldOmega";
export { type OneFactorSolution, oneFactorMinres } from "./oneFactorMinres";
export type { ItemData } from "./prepareItems";
export type {
  ItemColumns,
  ItemDataOptions,
  ItemRows,
  MissingMode,
  ReliabilityOptions,
} from "./types";
