import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { type CronbachAlphaResult, cronbachAlpha } from "../psychometrics/cronbachAlpha";
import { differenceScoreReliability } from "../psychometrics/differenceScoreReliability";
import { type ItemAnalysisResult, itemAnalysis } from "../psychometrics/itemAnalysis";
import type { ItemCovarianceAccumulator } from "../psychometrics/itemCovarianceAccumulator";
import type { MissingMode } from "../psychometrics/types";
import type { Dataset } from "../responses/types";
import {
  addFacetItems,
  createFacetItemAccumulators,
  type FacetItemAccumulators,
} from "./facetItemAccumulators";
import type { Gap5Statistics } from "./types";

/** Reliability of one facet (E, P or the gap) of one dimension. */
export interface FacetReliability {
  readonly alpha: CronbachAlphaResult;
  readonly items: ItemAnalysisResult;
}

/** Reliability of a dimension's expectation, perception and gap scores. */
export interface DimensionReliability {
  readonly dimension: string;
  /** Null when the dimension has fewer than two items (alpha needs two). */
  readonly expectation: FacetReliability | null;
  readonly perception: FacetReliability | null;
  readonly gap: FacetReliability | null;
  /**
   * Reliability of the difference score D = P − E from the parts (Lord 1958; Johns 1981; Peter,
   * Churchill & Brown 1993): r_D = (σ_P²·r_PP + σ_E²·r_EE − 2·r_PE·σ_P·σ_E) / (σ_P² + σ_E² − 2·r_PE·σ_P·σ_E),
   * with r_PP, r_EE the alphas of P and E and σ, r_PE from the respondent dimension scores.
   */
  readonly differenceScore: number | null;
  readonly warnings: readonly string[];
}

/** Options of {@link gapReliability}. */
export interface GapReliabilityOptions {
  /** Missing-data handling of alpha (default "pairwise", as psych::alpha). */
  readonly missing?: MissingMode;
  /** Alpha below this draws a warning (default 0.7, Nunnally 1978). */
  readonly threshold?: number;
}

/**
 * Cronbach's alpha and item analysis of each dimension's E, P and gap (G = P − E) items, the
 * reliability of the dimension's difference score, and warnings when an alpha is below 0.7 or
 * the gap score is less reliable than perceptions alone (the difference-score problem of Peter,
 * Churchill & Brown 1993). One accumulation pass per dimension and facet feeds both alpha and
 * the item analysis. Reverse-keyed items are already recoded in the dataset.
 *
 * @param dataset - An expectation–perception dataset.
 * @param dimensions - The Gap 5 dimension statistics of the same dataset (for σ_E, σ_P, r_PE).
 * @param options - Missing-data mode and warning threshold.
 * @throws {ServqualError} `invalid-input` when the dataset has no expectation or perception answers.
 *
 * @example
 * const result = gap5(dataset);
 * gapReliability(dataset, result.dimensions)[0].perception?.alpha.rawAlpha //=> 0.85
 */
export function gapReliability(
  dataset: Dataset,
  dimensions: readonly Gap5Statistics[],
  options: GapReliabilityOptions = {},
): DimensionReliability[] {
  const expectation = dataset.facets.expectation;
  const perception = dataset.facets.perception;
  if (expectation === undefined || perception === undefined) {
    throw new ServqualError(
      "invalid-input",
      "Gap reliability needs expectation and perception answers.",
      [
        {
          code: "missing-facet",
          message: `the dataset (format "${dataset.instrument.format}") has no expectation or perception answers`,
        },
      ],
    );
  }
  const accumulators = addFacetItems(createFacetItemAccumulators(dataset.instrument), dataset);
  return reliabilityFromAccumulators(
    dataset.instrument,
    dataset.n,
    accumulators,
    dimensions,
    options,
  );
}

/**
 * The reliability tables of {@link gapReliability} from item accumulators that already hold
 * every respondent (one pass, or chunks merged): alpha and item analysis per dimension and
 * facet, the difference-score reliability and the warnings.
 *
 * @param instrument - The instrument the accumulators were built for.
 * @param n - Respondents behind the accumulators (a facet needs two).
 * @param accumulators - Per dimension: E, P and gap item accumulators (null for one item).
 * @param dimensions - The Gap 5 dimension statistics (σ_E, σ_P, r_PE).
 * @param options - Missing-data mode and warning threshold.
 * @returns One entry per dimension, as {@link gapReliability}.
 * @example
 * const acc = addFacetItems(createFacetItemAccumulators(instrument), dataset);
 * reliabilityFromAccumulators(instrument, dataset.n, acc, gap5(dataset).dimensions);
 */
export function reliabilityFromAccumulators(
  instrument: Instrument,
  n: number,
  accumulators: FacetItemAccumulators,
  dimensions: readonly Gap5Statistics[],
  options: GapReliabilityOptions = {},
): DimensionReliability[] {
  const missing = options.missing ?? "pairwise";
  const threshold = options.threshold ?? 0.7;
  const results: DimensionReliability[] = [];
  instrument.dimensions.forEach((dimension, d) => {
    const size = dimension.items.length;
    const facets = accumulators[d] ?? null;
    const warnings: string[] = [];
    if (size < 2 || facets === null) {
      warnings.push(`dimension "${dimension.id}" has one item: alpha needs at least two`);
      results.push({
        dimension: dimension.id,
        expectation: null,
        perception: null,
        gap: null,
        differenceScore: null,
        warnings,
      });
      return;
    }
    const facet = (
      accumulator: ItemCovarianceAccumulator | undefined,
      label: string,
    ): FacetReliability | null => {
      if (n < 2 || accumulator === undefined) return null;
      const alpha = cronbachAlpha(accumulator, { missing });
      const items = itemAnalysis(accumulator, { missing });
      if (alpha.rawAlpha !== null && alpha.rawAlpha < threshold) {
        warnings.push(
          `${label} alpha of ${dimension.id} is ${alpha.rawAlpha.toFixed(2)}, below ${threshold}`,
        );
      }
      for (const warning of alpha.warnings) warnings.push(`${label}: ${warning}`);
      return { alpha, items };
    };
    const e = facet(facets?.expectation, "expectation");
    const p = facet(facets?.perception, "perception");
    const g = facet(facets?.gap, "gap");
    const stats = dimensions[d];
    const alphaP = p?.alpha.rawAlpha ?? null;
    const alphaE = e?.alpha.rawAlpha ?? null;
    const sdP = stats?.perception.sd ?? null;
    const sdE = stats?.expectation.sd ?? null;
    const correlation = stats?.correlation ?? null;
    let differenceScore: number | null = null;
    if (
      alphaP !== null &&
      alphaE !== null &&
      (alphaP > 1 || alphaE > 1 || alphaP < 0 || alphaE < 0)
    ) {
      warnings.push(
        `an alpha of ${dimension.id} lies outside [0, 1] (miscoded items, or pairwise-missing data with few respondents); the difference-score reliability is not computed`,
      );
    } else if (
      alphaP !== null &&
      alphaE !== null &&
      sdP !== null &&
      sdE !== null &&
      correlation !== null
    ) {
      const result = differenceScoreReliability({
        reliabilityP: alphaP,
        reliabilityE: alphaE,
        varianceP: sdP * sdP,
        varianceE: sdE * sdE,
        correlationPE: correlation,
      });
      differenceScore = result.reliability;
      if (differenceScore === null) {
        warnings.push(
          `the difference-score reliability of ${dimension.id} is undefined (P and E scores are perfectly related)`,
        );
      }
    }
    if (differenceScore !== null && alphaP !== null && differenceScore < alphaP) {
      warnings.push(
        `the gap score of ${dimension.id} (reliability ${differenceScore.toFixed(2)}) is less reliable than perceptions alone (alpha ${alphaP.toFixed(2)}); report P and E beside the gap`,
      );
    }
    results.push({
      dimension: dimension.id,
      expectation: e,
      perception: p,
      gap: g,
      differenceScore,
      warnings,
    });
  });
  return results;
}
