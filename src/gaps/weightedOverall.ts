import { notice } from "../_lib/notice";
import type { Instrument } from "../instrument/types";
import { clonePairMoments, type PairMoments } from "../stats/pairedAccumulator";
import { wilsonInterval } from "../stats/wilsonInterval";
import type { GapAccumulator } from "./gapAccumulator";
import { summarizeGap } from "./summarizeGap";
import type { GapStatistics } from "./types";

/** The importance-weighted overall gap, computed two ways (Parasuraman, Berry & Zeithaml 1991). */
export interface WeightedOverall<Required extends string, Delivered extends string> {
  /** Mean importance share of each dimension over respondents who gave points (sums to 1). */
  readonly meanWeights: Readonly<Record<string, number>>;
  /**
   * Per respondent SQW_r = Σ_d w_rd·SQ_rd, then averaged. Respondents without usable points
   * are scored with the sample-mean weights (counted in `respondentsWithMeanWeights`); the share
   * of negative gaps counts only respondents with their own weights.
   */
  readonly perRespondent: GapStatistics<Required, Delivered> & {
    readonly respondentsWithOwnWeights: number;
    readonly respondentsWithMeanWeights: number;
  };
  /**
   * Respondents with some but not every dimension score: they are in the unweighted overall
   * score (the mean of the dimension scores they have) but not in `perRespondent`, whose
   * Σ_d w_rd·SQ_rd needs a score on every dimension. This is why its n can be below the
   * unweighted n. (Respondents without usable points are not left out: they get the mean weights.)
   */
  readonly respondentsMissingADimension: number;
  /** From the mean weights and the sample dimension means: Σ_d w̄_d·SQ_d. */
  readonly fromMeanWeights: {
    readonly gap: number | null;
    /** Σ_d w̄_d·mean of the required side in d (Gap 5: expectation). */
    readonly required: { readonly side: Required; readonly mean: number | null };
    /** Σ_d w̄_d·mean of the delivered side in d (Gap 5: perception). */
    readonly delivered: { readonly side: Delivered; readonly mean: number | null };
  };
}

/** Weighted overall gap from an accumulator, or null when the data carry no usable weights. */
export function weightedOverall<Required extends string, Delivered extends string>(
  accumulator: GapAccumulator,
  instrument: Instrument,
  dimensionSummaries: readonly GapStatistics<Required, Delivered>[],
  names: { readonly required: Required; readonly delivered: Delivered },
  level: number,
): WeightedOverall<Required, Delivered> | null {
  if (accumulator.weightRespondents === 0) return null;
  const count = instrument.dimensions.length;
  const meanWeights = accumulator.weightSums.map((sum) => sum / accumulator.weightRespondents);
  const combined: PairMoments = clonePairMoments(accumulator.weightedOwn);
  const fallback = accumulator.fallback;
  if (fallback.n > 0) {
    const quadratic = (matrix: readonly number[]) => {
      let total = 0;
      for (let d = 0; d < count; d++) {
        for (let e = 0; e < count; e++) {
          total +=
            (meanWeights[d] as number) *
            (meanWeights[e] as number) *
            (matrix[d * count + e] as number);
        }
      }
      return total;
    };
    const dot = (vector: readonly number[]) =>
      vector.reduce((total, value, d) => total + value * (meanWeights[d] as number), 0);
    const r2 = quadratic(fallback.crossR);
    const d2 = quadratic(fallback.crossD);
    const g2 = quadratic(fallback.crossGap);
    combined.n += fallback.n;
    combined.sumR += dot(fallback.sumR);
    combined.sumD += dot(fallback.sumD);
    combined.sumR2 += r2;
    combined.sumD2 += d2;
    combined.sumRD += (r2 + d2 - g2) / 2;
  }
  const summary = summarizeGap(combined, accumulator.shift, names, level);
  const own = accumulator.weightedOwn.n;
  const warnings = [...summary.warnings];
  if (fallback.n > 0) {
    warnings.push(
      notice(
        "mean-weights",
        `${fallback.n} respondent(s) without usable importance points were scored with the sample-mean weights`,
      ),
    );
  }
  const missingADimension = accumulator.respondents - own - fallback.n;
  if (missingADimension > 0) {
    warnings.push(
      notice(
        "partly-scored-respondents",
        `${missingADimension} respondent(s) with some but not every dimension score are left out of the weighted score (it needs a score on every dimension); they are in the unweighted score`,
      ),
    );
  }
  const perRespondent = {
    ...summary,
    shareNegative: own > 0 ? accumulator.weightedOwn.negative / own : null,
    shareNegativeCi: (() => {
      const share = wilsonInterval(accumulator.weightedOwn.negative, own, level);
      return { level, lower: share.lower, upper: share.upper, method: "wilson" as const };
    })(),
    negative: accumulator.weightedOwn.negative,
    zero: accumulator.weightedOwn.zero,
    warnings,
    respondentsWithOwnWeights: own,
    respondentsWithMeanWeights: fallback.n,
  };
  const weightedSide = (pick: (s: GapStatistics<Required, Delivered>) => number | null) => {
    let total = 0;
    for (let d = 0; d < count; d++) {
      const value = pick(dimensionSummaries[d] as GapStatistics<Required, Delivered>);
      if (value === null) return null;
      total += (meanWeights[d] as number) * value;
    }
    return total;
  };
  return {
    meanWeights: Object.fromEntries(
      instrument.dimensions.map((d, i) => [d.id, meanWeights[i] as number]),
    ),
    perRespondent,
    respondentsMissingADimension: missingADimension,
    fromMeanWeights: {
      gap: weightedSide((s) => s.gap.mean),
      required: { side: names.required, mean: weightedSide((s) => s.required.mean) },
      delivered: { side: names.delivered, mean: weightedSide((s) => s.delivered.mean) },
    },
  };
}
