import { checkOptionKeys, expectKind, expectShape, optionNames, shapes } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { accumulateItems } from "../psychometrics/accumulateItems";
import {
  alphaFromAccumulator,
  type CronbachAlphaResult,
  prepareScale,
} from "../psychometrics/cronbachAlpha";
import { differenceScoreReliability } from "../psychometrics/differenceScoreReliability";
import {
  type ItemAnalysisResult,
  itemAnalysisFromAccumulator,
} from "../psychometrics/itemAnalysis";
import type { ItemColumns, MissingMode } from "../psychometrics/types";
import type { Dataset } from "../responses/types";
import type { Gap5Statistics } from "./types";

/** Reliability of one facet (E, P or the gap) of one dimension. */
export interface FacetReliability {
  readonly alpha: CronbachAlphaResult;
  readonly items: ItemAnalysisResult;
  /**
   * With constant items (zero variance) and `dropConstantItems` (default true): alpha and the
   * item analysis without them, as psych::alpha reports (it deletes such items). Null otherwise.
   */
  readonly withoutConstantItems: {
    readonly dropped: readonly string[];
    readonly alpha: CronbachAlphaResult;
    readonly items: ItemAnalysisResult;
  } | null;
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
  /**
   * With items of zero variance in a facet: also report alpha and the item analysis without
   * them (`withoutConstantItems`), as psych::alpha does (default true).
   */
  readonly dropConstantItems?: boolean;
}

const GAP_RELIABILITY_OPTIONS = optionNames<GapReliabilityOptions>({
  missing: true,
  threshold: true,
  dropConstantItems: true,
});

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
  expectShape("gapReliability", "dataset", dataset, shapes.dataset);
  expectKind(
    "gapReliability",
    "dimensions",
    dimensions,
    "array",
    "the dimensions of a gap5 result",
  );
  checkOptionKeys("gapReliability", options, GAP_RELIABILITY_OPTIONS);
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
  const missing = options.missing ?? "pairwise";
  const threshold = options.threshold ?? 0.7;
  const results: DimensionReliability[] = [];
  let start = 0;
  dataset.instrument.dimensions.forEach((dimension, d) => {
    const size = dimension.items.length;
    const names = dimension.items.map((item) => item.id);
    const eColumns = expectation.slice(start, start + size);
    const pColumns = perception.slice(start, start + size);
    start += size;
    const warnings: string[] = [];
    if (size < 2) {
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
    const finish = (data: ItemColumns, itemNames: readonly string[]) => {
      const accumulator = accumulateItems(data, { itemNames });
      // One finish (moments, eigen-decomposition) for both alpha and the item analysis.
      const prepared = prepareScale(accumulator, missing);
      return {
        alpha: alphaFromAccumulator(accumulator, missing, prepared),
        items: itemAnalysisFromAccumulator(accumulator, missing, prepared),
      };
    };
    const facet = (data: ItemColumns, label: string): FacetReliability | null => {
      if (dataset.n < 2) return null;
      const { alpha, items } = finish(data, names);
      if (alpha.rawAlpha !== null && alpha.rawAlpha < threshold) {
        warnings.push(
          `${label} alpha of ${dimension.id} is ${alpha.rawAlpha.toFixed(2)}, below ${threshold}`,
        );
      }
      for (const warning of alpha.warnings) warnings.push(`${label}: ${warning}`);
      let withoutConstantItems: FacetReliability["withoutConstantItems"] = null;
      const constant = alpha.constantItems;
      if (constant.length > 0 && options.dropConstantItems !== false) {
        const keep = names.flatMap((name, i) => (constant.includes(name) ? [] : [i]));
        if (keep.length >= 2) {
          const reduced = finish(
            {
              columns: keep.map((i) => data.columns[i] as ArrayLike<number>),
              ...(data.subtract === undefined
                ? {}
                : { subtract: keep.map((i) => data.subtract?.[i] as ArrayLike<number>) }),
            },
            keep.map((i) => names[i] as string),
          );
          withoutConstantItems = { dropped: constant, ...reduced };
          const a = reduced.alpha.rawAlpha;
          warnings.push(
            `${label}: without the constant ${constant.length === 1 ? "item" : "items"} ${constant.join(", ")}, alpha of ${dimension.id} is ${a === null ? "not computable" : a.toFixed(2)} (as psych::alpha reports it)`,
          );
        } else {
          warnings.push(
            `${label}: fewer than two items of ${dimension.id} vary; alpha without the constant items is not computed`,
          );
        }
      }
      return { alpha, items, withoutConstantItems };
    };
    const e = facet({ columns: eColumns }, "expectation");
    const p = facet({ columns: pColumns }, "perception");
    // Gap items G = P − E read straight from the two columns, without building gap columns.
    const g = facet({ columns: pColumns, subtract: eColumns }, "gap");
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
