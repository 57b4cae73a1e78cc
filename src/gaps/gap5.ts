import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import { checkRows } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";
import type { PAdjustMethod } from "../stats/adjustPValues";
import type { GapEnvelope } from "./envelope";
import type { GapTables } from "./finishGaps";
import { accumulateGap5, createGap5Accumulator, finishGap5 } from "./gap5Accumulator";
import { type DimensionReliability, datasetItemReducer } from "./gapReliability";

/** Options of {@link gap5}. */
export interface Gap5Options {
  /** Confidence level of every interval (default 0.95). */
  readonly level?: number;
  /** p-value adjustment within the item family and the dimension family (default "holm"). */
  readonly pAdjust?: PAdjustMethod;
  /**
   * Cronbach's alpha and item analysis of E, P and gap per dimension, with the difference-score
   * reliability (default true; false skips the extra pass).
   */
  readonly reliability?: boolean;
  /**
   * With items of zero variance in a facet: also give alpha and the item analysis without
   * them (`withoutConstantItems`), as psych::alpha does (default true).
   */
  readonly dropConstantItems?: boolean;
  /**
   * Respondents to analyse, as row indices of the dataset (a row listed twice counts twice, as
   * in a bootstrap resample); default all. The result equals gap5 of a dataset holding just
   * those rows. A row outside 0..n−1 is an `invalid-argument`.
   */
  readonly rows?: Int32Array;
}

/**
 * The Gap 5 result: perception − expectation at item, dimension and overall level, in the
 * common {@link GapEnvelope} (gap 5, design `paired`), with its detail beside it: instrument,
 * missing-data policy, confidence level, p adjustment, respondents and reliability.
 */
export type Gap5Result = GapEnvelope<
  GapTables<"expectation", "perception">["items"][number],
  GapTables<"expectation", "perception">["dimensions"][number],
  GapTables<"expectation", "perception">["overall"]
> & {
  readonly gap: 5;
  readonly name: "Gap 5: perceived vs expected service";
  readonly design: "paired";
  readonly unit: "scale points";
  readonly sign: "perception − expectation; negative = shortfall";
  /** Per dimension: alpha and item analysis of E, P and gap, difference-score reliability; null when not asked for. */
  readonly reliability: readonly DimensionReliability[] | null;
} & GapTables<"expectation", "perception">;

/** The option names of {@link gap5}. */
export const GAP5_OPTIONS = optionNames<Gap5Options>({
  level: true,
  pAdjust: true,
  reliability: true,
  dropConstantItems: true,
  rows: true,
});

/**
 * Gap 5 of the service-quality gap model, the SERVQUAL score: perception − expectation.
 *
 * - Item i: G_ri = P_ri − E_ri over respondents who answered both; mean, SD, SE, t interval,
 *   share with G < 0.
 * - Dimension d: per respondent SQ_rd = mean of their item gaps in d (kept when the dataset's
 *   missing-data policy allows, default ≥ 50% of items), then averaged over respondents.
 * - Overall: `unweighted` = per respondent mean of dimension scores, averaged (each dimension
 *   counts equally); `meanOfDimensionGaps` = (1/D)·Σ SQ_d; `itemMean` = per respondent mean of
 *   all item gaps (dimensions weighted by item count); `weighted` = per respondent Σ_d w_rd·SQ_rd
 *   with importance points (sample-mean weights for respondents without), and Σ_d w̄_d·SQ_d.
 *
 * Every item and dimension carries the paired t-test, the Wilcoxon signed-rank test on exact
 * ranks, Cohen's d_z and p-values adjusted within the family (Holm by default); every dimension
 * carries Cronbach's alpha of E, P and gap with the difference-score reliability (`reliability`).
 *
 * Negative = the service falls short of expectations. Computed in one pass over the columns.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1988), J. Retailing 64(1):12–40; Parasuraman,
 * Berry & Zeithaml (1991), J. Retailing 67(4):420–450.
 *
 * @param dataset - A dataset of an `expectation-perception` instrument (from validateResponses).
 * @param options - `level` of the intervals, `pAdjust`, `reliability`, `rows` (a selection of
 *   respondents).
 * @returns Plain JSON-serialisable tables; values that cannot be computed are null with a warning.
 * @throws {ServqualError} `invalid-input` when the dataset has no expectation or perception answers.
 *
 * @example
 * const { dataset } = validateResponses(rows, instruments.servqual22);
 * const result = gap5(dataset);
 * result.dimensions.map((d) => [d.dimension, d.gap.mean]) //=> [["tangibles", -0.3], …]
 */
export function gap5(dataset: Dataset, options: Gap5Options = {}): Gap5Result {
  expectShape("gap5", "dataset", dataset, shapes.dataset);
  checkOptionKeys("gap5", options, GAP5_OPTIONS);
  const reliability = options.reliability !== false;
  const rows = checkRows("gap5", options.rows, dataset.n);
  const accumulator = createGap5Accumulator(dataset.instrument, dataset.missingPolicy, reliability);
  return finishGap5(
    accumulateGap5(accumulator, dataset, rows ?? undefined),
    options,
    datasetItemReducer(dataset, rows),
  );
}
