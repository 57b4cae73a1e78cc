import { finiteOrNull } from "../_lib/finiteOrNull";
import { type Notice, notice } from "../_lib/notice";
import { constantItemsWarning, type PreparedScale, prepareScale } from "./cronbachAlpha";
import type { ItemCovarianceAccumulator } from "./itemCovarianceAccumulator";
import {
  correctedItemTotal,
  firstComponentLoadings,
  indefiniteWarning,
  keyingWarnings,
} from "./keyingDiagnostics";
import { matrixSums } from "./matrixSums";
import { analyseScaleData } from "./openScale";
import { type ItemData, recodingWarnings } from "./prepareItems";
import { deletedStatistics } from "./scaleAnalysis";
import type { MissingMode, ReliabilityOptions, WithoutConstantItems } from "./types";

/** The scale statistics recomputed without one item [psych's alpha.drop row]. */
export interface AlphaIfItemDeleted {
  readonly rawAlpha: number | null;
  readonly standardizedAlpha: number | null;
  readonly guttmanLambda6: number | null;
  readonly averageR: number | null;
  readonly signalToNoise: number | null;
  /** sqrt(Q₋ᵢ/n) [alpha se] */
  readonly ase: number | null;
  readonly varianceR: number | null;
  readonly medianR: number | null;
}

/** One item's statistics [psych's item.stats row + alpha.drop row]. */
export interface ItemStatistics {
  readonly item: string;
  /** Recoded as (min + max) − x before the analysis. */
  readonly reversed: boolean;
  /** Answers used [n]. */
  readonly n: number;
  /** Mean and SD (n − 1) of the (recoded) item [mean, sd]. */
  readonly mean: number | null;
  readonly sd: number | null;
  /** cor(person score, item), the item included in the score [raw.r]. */
  readonly rawR: number | null;
  /** colSums(R)ᵢ/sqrt(ΣΣR) [std.r]. */
  readonly standardizedR: number | null;
  /** The same with smc on the diagonal of R: corrected for overlap and reliability [r.cor]. */
  readonly correctedR: number | null;
  /** Corrected item–total (item–rest) correlation (ΣⱼCᵢⱼ − Cᵢᵢ)/sqrt(Cᵢᵢ·ΣΣC₋ᵢ) [r.drop]. */
  readonly rDrop: number | null;
  /** Scale statistics without this item; null for a two-item scale. */
  readonly alphaIfDeleted: AlphaIfItemDeleted | null;
}

/** Result of {@link itemAnalysis}. */
export interface ItemAnalysisResult {
  readonly method: "item-analysis";
  readonly missing: MissingMode;
  readonly k: number;
  readonly nRows: number;
  readonly nCompleteRows: number;
  /** n behind `alphaIfDeleted.ase` (every row in pairwise mode, as psych). */
  readonly nObservations: number;
  readonly items: readonly ItemStatistics[];
  /** Items with zero variance: their correlations, and every correlation-based figure, are null. */
  readonly constantItems: readonly string[];
  /**
   * With `dropConstantItems` (default true) and constant items: the item analysis of the data
   * without them (what psych::alpha reports). Null otherwise, or for an accumulator input.
   */
  readonly withoutConstantItems: WithoutConstantItems<"items", ItemAnalysisResult>;
  readonly warnings: readonly Notice[];
}

/**
 * Item analysis as psych::alpha reports it per item: n, mean, SD, the item–total correlations
 * raw.r, std.r, r.cor and r.drop, and alpha if the item is deleted (every scale statistic
 * recomputed from C and R with the item's row and column removed — C is not re-estimated).
 *
 * ## Method
 * With C the item covariance matrix (pairwise by default, as psych), R = cov2cor(C) and
 * person score = mean of the answered items:
 * - raw.r = cor(score, itemᵢ) over the rows that answered item i
 * - std.r = Σⱼ Rᵢⱼ / sqrt(ΣΣR); r.cor = the same with smc on the diagonal of R
 * - r.drop = (Σⱼ Cᵢⱼ − Cᵢᵢ)/sqrt(Cᵢᵢ · ΣΣ C₋ᵢ,₋ᵢ) (corrected item–total correlation)
 * - alpha if deleted: raw and standardised alpha, λ6, r̄, S/N, ase = sqrt(Q₋ᵢ/n), var and median
 *   of the remaining inter-item correlations (see {@link cronbachAlpha})
 * Reverse-keyed items are recoded (min + max) − x first, exactly as in cronbachAlpha.
 *
 * References: Cronbach, L. J. (1951), Psychometrika 16(3), 297–334. Revelle, W. psych
 * (`alpha`, item statistics). Nunnally, J. C. (1978), Psychometric Theory (2nd ed.).
 *
 * In R: `a <- psych::alpha(x, keys = reverse); a$item.stats; a$alpha.drop`.
 *
 * @category psychometrics
 * @param data - an array of rows, `{ columns }`, or an accumulator from `accumulateItems`
 * @param options - as {@link cronbachAlpha}
 * @returns one entry per item, in column order; values that cannot be computed are null with a
 *   warning; a warning names each item with a negative r.drop or a first-component loading of
 *   the opposite sign
 * @throws {ServqualError} as {@link cronbachAlpha}
 * @example
 * itemAnalysis([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4]]).items[0].rDrop;
 * //=> 0.9922778767136679 (psych: r.drop 0.9922779)
 */
export function itemAnalysis(data: ItemData, options: ReliabilityOptions = {}): ItemAnalysisResult {
  return analyseScaleData(
    "itemAnalysis",
    data,
    options,
    itemAnalysisFromAccumulator,
    (result, subset) => ({
      ...result,
      withoutConstantItems: {
        dropped: result.constantItems,
        items: itemAnalysis(subset.data, subset.options),
      },
    }),
  );
}

/**
 * Internal: the item analysis of an accumulator, from a scale already finished by
 * `prepareScale` (shared with alpha so the moments and the eigen-decomposition are computed
 * once). Alpha if deleted uses the rank-one closed forms of `deletedStatistics`.
 */
export function itemAnalysisFromAccumulator(
  acc: ItemCovarianceAccumulator,
  missing: MissingMode,
  prepared: PreparedScale = prepareScale(acc, missing),
): ItemAnalysisResult {
  const k = acc.k;
  const names = acc.itemNames;
  const { m, problems, analysis } = prepared;
  const warnings: Notice[] = [...recodingWarnings(acc)];
  const base = {
    method: "item-analysis" as const,
    missing,
    k,
    nRows: m.nRows,
    nCompleteRows: m.nCompleteRows,
    nObservations: m.nObservations,
    constantItems: analysis === null ? [] : analysis.constant.map((i) => names[i] as string),
    withoutConstantItems: null,
  };
  const describeItem = (i: number) => {
    const n = m.counts[i * k + i] as number;
    const variance = m.covariance[i * k + i] as number;
    return {
      item: names[i] as string,
      reversed: acc.reversed[i] as boolean,
      n,
      mean: n >= 1 ? finiteOrNull(m.means[i] as number) : null,
      sd: n >= 2 && variance >= 0 ? finiteOrNull(Math.sqrt(variance)) : null,
    };
  };
  if (analysis === null) {
    return {
      ...base,
      items: names.map((_, i) => ({
        ...describeItem(i),
        rawR: finiteOrNull(m.itemScoreCorrelation[i] as number),
        standardizedR: null,
        correctedR: null,
        rDrop: null,
        alphaIfDeleted: null,
      })),
      warnings: [
        ...warnings,
        ...problems.map((p) => notice("not-computable", `item–total statistics are null: ${p}`)),
      ],
    };
  }
  const c = m.covariance;
  const { r, eigen, smc } = analysis;
  let sumR = Number.NaN;
  let colR: Float64Array = new Float64Array(k);
  let sumRc = Number.NaN;
  if (r !== null && smc !== null) {
    ({ total: sumR, columns: colR } = matrixSums(r, k));
    sumRc = sumR;
    for (let i = 0; i < k; i++) sumRc += (smc.values[i] as number) - 1;
  }
  if (base.constantItems.length > 0) {
    warnings.push(
      constantItemsWarning(base.constantItems, "item–total correlations (std.r, r.cor) with"),
    );
  }
  const rDrop = correctedItemTotal(c, k);
  const pc1 = r !== null ? firstComponentLoadings(r, k, eigen) : null;
  if (r !== null) warnings.push(...indefiniteWarning(r, k, missing, eigen));
  warnings.push(...keyingWarnings(names, rDrop, pc1, acc.reversed));
  if (k === 2) {
    warnings.push(
      notice(
        "two-items",
        "alpha if item deleted is null: with two items, deleting one leaves a single item (psych prints r12-based placeholders there)",
      ),
    );
  }
  const n = m.nObservations;
  const deleted = k > 2 ? deletedStatistics(analysis) : null;
  const items = names.map((_, i): ItemStatistics => {
    let alphaIfDeleted: AlphaIfItemDeleted | null = null;
    const s = deleted?.[i];
    if (s !== undefined) {
      alphaIfDeleted = {
        rawAlpha: finiteOrNull(s.rawAlpha),
        standardizedAlpha: finiteOrNull(s.standardizedAlpha),
        guttmanLambda6: finiteOrNull(s.guttmanLambda6),
        averageR: finiteOrNull(s.averageR),
        signalToNoise: finiteOrNull(s.signalToNoise),
        ase: s.q >= 0 && n > 0 ? finiteOrNull(Math.sqrt(s.q / n)) : null,
        varianceR: finiteOrNull(s.varianceR),
        medianR: finiteOrNull(s.medianR),
      };
    }
    return {
      ...describeItem(i),
      rawR: finiteOrNull(m.itemScoreCorrelation[i] as number),
      standardizedR: smc === null ? null : finiteOrNull((colR[i] as number) / Math.sqrt(sumR)),
      correctedR:
        smc === null
          ? null
          : finiteOrNull(((colR[i] as number) - 1 + (smc.values[i] as number)) / Math.sqrt(sumRc)),
      rDrop: finiteOrNull(rDrop[i] as number),
      alphaIfDeleted,
    };
  });
  return { ...base, items, warnings };
}
