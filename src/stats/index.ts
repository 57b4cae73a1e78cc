export {
  type AdjustedPValue,
  adjustPValues,
  type PAdjustMethod,
  type PValueAdjustment,
} from "./adjustPValues";
export { type BootstrapOptions, type BootstrapResult, bootstrapCI } from "./bootstrapCI";
export { type CohenDResult, cohenD } from "./cohenD";
export {
  type CohenDzResult,
  cohenDz,
  cohenDzFromSummary,
  type EffectSizeOptions,
} from "./cohenDz";
export { type DescribeOptions, type Description, describe } from "./describe";
export {
  type DunnComparison,
  type DunnTestOptions,
  type DunnTestResult,
  dunnTest,
} from "./dunnTest";
export {
  type GamesHowellComparison,
  type GamesHowellOptions,
  type GamesHowellResult,
  gamesHowell,
} from "./gamesHowell";
export type { GroupSummary, GroupsInput } from "./groups";
export { type KruskalWallisResult, kruskalWallis } from "./kruskalWallis";
export { type MannWhitneyOptions, type MannWhitneyResult, mannWhitney } from "./mannWhitney";
export { type MeanConfidenceInterval, meanCI } from "./meanCI";
export { type AnovaResult, oneWayAnova } from "./oneWayAnova";
export {
  accumulatePair,
  accumulatePairs,
  createPairedAccumulator,
  type FinishPairedOptions,
  finishPaired,
  type MeanSd,
  mergePairedAccumulators,
  type PairedAccumulator,
  type PairedAccumulatorOptions,
  type PairedSummary,
  type PairKey,
} from "./pairedAccumulator";
export { pairedTTest } from "./pairedTTest";
export {
  type DifferenceSummary,
  type PairedTTestOptions,
  type PairedTTestResult,
  pairedTTestFromSummary,
} from "./pairedTTestFromSummary";
export { type RankBiserialPairedResult, rankBiserialPaired } from "./rankBiserialPaired";
export { seededRandom, xoshiro128StarStar } from "./seededRandom";
export type { Alternative, ConfidenceInterval, NumericInput } from "./types";
export { welchAnova } from "./welchAnova";
export { type TwoSampleTTestOptions, type TwoSampleTTestResult, welchTTest } from "./welchTTest";
export { wilcoxonSignedRank } from "./wilcoxonSignedRank";
export {
  type DifferenceCounts,
  type WilcoxonOptions,
  type WilcoxonSignedRankResult,
  wilcoxonSignedRankFromCounts,
} from "./wilcoxonSignedRankFromCounts";
export { type WilsonInterval, wilsonInterval } from "./wilsonInterval";
